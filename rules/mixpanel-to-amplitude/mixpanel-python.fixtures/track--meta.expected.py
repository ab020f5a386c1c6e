from amplitude import Amplitude

mp = Amplitude("YOUR_AMPLITUDE_API_KEY")
mp.track("user-1", "Signed Up", {"plan": "pro"}, meta={"ip": "1.2.3.4"})
mp.track("user-1", "Signed Up", {"distinct_id": "other"})
