import os

from mixpanel import Mixpanel

_mp = None


def get_client():
    global _mp
    if _mp is None:
        _mp = Mixpanel(os.environ["MIXPANEL_TOKEN"])
    return _mp


def shutdown():
    global _mp
    _mp = None


def signed_up(user_id):
    get_client().track(user_id, "Signed Up", {"plan": "free"})


def logged_in(user_id):
    if _mp is not None:
        _mp.track(distinct_id=user_id, event_name="Logged In")
