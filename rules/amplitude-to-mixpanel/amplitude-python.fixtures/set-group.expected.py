from mixpanel import Mixpanel

client = Mixpanel("YOUR_MIXPANEL_PROJECT_TOKEN")
client.people_set("user-1", {"company": "acme"})
