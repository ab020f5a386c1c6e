from amplitude import Amplitude

mp = Amplitude("YOUR_AMPLITUDE_API_KEY")
mp.group_delete("company", "acme")
