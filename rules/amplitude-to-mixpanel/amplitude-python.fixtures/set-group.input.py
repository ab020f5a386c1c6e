from amplitude import Amplitude, EventOptions

client = Amplitude("KEY")
client.set_group("company", "acme", EventOptions(user_id="user-1"))
