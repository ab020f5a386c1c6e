from amplitude import Amplitude

mp = Amplitude("YOUR_AMPLITUDE_API_KEY")
mp.people_track_charge("user-1", 9.99, {"sku": "a"})
