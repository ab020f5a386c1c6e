from amplitude import Amplitude, EventOptions, Identify

mp = Amplitude("YOUR_AMPLITUDE_API_KEY")
mp.identify(Identify().unset("trial").unset("legacy_plan"), EventOptions(user_id="user-1"))
