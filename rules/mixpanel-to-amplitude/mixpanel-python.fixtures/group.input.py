from mixpanel import Mixpanel

mp = Mixpanel("TOKEN")
mp.group_set("company", "acme", {"tier": "gold"})
mp.group_unset("company", "acme", ["legacy"])
