from amplitude import Amplitude

mp = Amplitude("YOUR_AMPLITUDE_API_KEY")
mp.people_update({"$distinct_id": "user-1", "$set": {"a": 1}})
