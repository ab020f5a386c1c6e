from amplitude import Amplitude, EventOptions, Identify

client = Amplitude("KEY")
client.group_identify("company", "acme", Identify().set("tier", "gold").unset("legacy"), EventOptions(user_id="user-1"))
client.group_identify("company", "acme", Identify().add("seats", 1))
