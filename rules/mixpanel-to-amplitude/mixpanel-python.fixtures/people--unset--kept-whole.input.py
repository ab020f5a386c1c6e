from mixpanel import Mixpanel

mp = Mixpanel("TOKEN")
mp.people_unset("user-1", ["trial", "legacy_plan"])
mp.people_unset("user-1", keys)
mp.people_set("user-1", {"$email": "a@example.com"})
mp.people_set("user-1", props)
