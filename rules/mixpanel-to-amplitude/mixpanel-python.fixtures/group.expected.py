from amplitude import Amplitude, Identify

mp = Amplitude("YOUR_AMPLITUDE_API_KEY")
mp.group_identify("company", "acme", Identify().set("tier", "gold"))
mp.group_identify("company", "acme", Identify().unset("legacy"))
