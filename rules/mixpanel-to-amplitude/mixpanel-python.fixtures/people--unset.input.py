from mixpanel import Mixpanel

mp = Mixpanel("TOKEN")
mp.people_unset("user-1", ["trial", "legacy_plan"])
