import os

from amplitude import Amplitude, BaseEvent

_mp = None


def get_client():
    global _mp
    if _mp is None:
        _mp = Amplitude(os.environ["AMPLITUDE_API_KEY"])
    return _mp


def shutdown():
    global _mp
    _mp = None


def signed_up(user_id):
    get_client().track(BaseEvent(
        event_type="Signed Up",
        user_id=user_id,
        event_properties={"plan": "free"},
    ))


def logged_in(user_id):
    if _mp is not None:
        _mp.track(BaseEvent(event_type="Logged In", user_id=user_id))
