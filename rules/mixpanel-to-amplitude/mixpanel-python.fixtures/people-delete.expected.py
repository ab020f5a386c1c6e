from amplitude import Amplitude

mp = Amplitude("YOUR_AMPLITUDE_API_KEY")
mp.people_delete("user-1")
