from mixpanel import Mixpanel

mp = Mixpanel("TOKEN")
mp.people_track_charge("user-1", 9.99, {"sku": "a"})
