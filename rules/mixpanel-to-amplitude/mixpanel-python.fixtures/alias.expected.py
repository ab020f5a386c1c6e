from mixpanel import Mixpanel

mp = Mixpanel("TOKEN")
mp.alias("new-id", "old-id")
