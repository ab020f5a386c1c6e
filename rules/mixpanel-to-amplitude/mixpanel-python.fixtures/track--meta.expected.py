from mixpanel import Mixpanel

mp = Mixpanel("TOKEN")
mp.track("user-1", "Signed Up", {"plan": "pro"}, meta={"ip": "1.2.3.4"})
mp.track("user-1", "Signed Up", {"distinct_id": "other"})
