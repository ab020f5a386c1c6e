from mixpanel import Mixpanel

mp = Mixpanel("TOKEN")
mp.group_delete("company", "acme")
