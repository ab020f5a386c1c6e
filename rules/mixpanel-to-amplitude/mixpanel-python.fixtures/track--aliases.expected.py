from amplitude import Amplitude, BaseEvent

mixpanel_client = Amplitude("YOUR_AMPLITUDE_API_KEY")
mp = mixpanel_client
other = Amplitude("YOUR_AMPLITUDE_API_KEY")


def signed_up(user_id):
    mp.track(BaseEvent(event_type="Signed Up", user_id=user_id))
    other.track(BaseEvent(event_type="Other Signed Up", user_id=user_id))
