from amplitude import Amplitude, EventOptions, Identify

mp = Amplitude("YOUR_AMPLITUDE_API_KEY")
mp.identify(Identify().unset("trial").unset("legacy_plan"), EventOptions(user_id="user-1"))
mp.people_unset("user-1", keys)
mp.people_set("user-1", {"$email": "a@example.com"})
mp.people_set("user-1", props)
