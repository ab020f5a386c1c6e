from mixpanel import Mixpanel

mp = Mixpanel("TOKEN")
mp.people_update({"$distinct_id": "user-1", "$set": {"a": 1}})
