from amplitude import Amplitude, BaseEvent

_client = None


def client():
    global _client
    if _client is None:
        _client = Amplitude("KEY")
    return _client


def shutdown():
    global _client
    _client = None


def signed_up(user_id):
    client().track(BaseEvent(event_type="Signed Up", user_id=user_id))
