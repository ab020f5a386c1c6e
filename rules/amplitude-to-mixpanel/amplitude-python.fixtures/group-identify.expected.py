from mixpanel import Mixpanel

client = Mixpanel("YOUR_MIXPANEL_PROJECT_TOKEN")
client.group_set("company", "acme", {"tier": "gold"})
client.group_unset("company", "acme", ["legacy"])
