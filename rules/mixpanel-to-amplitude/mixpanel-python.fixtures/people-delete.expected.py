from mixpanel import Mixpanel

mp = Mixpanel("TOKEN")
mp.people_delete("user-1")
