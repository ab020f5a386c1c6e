from amplitude import Amplitude, BaseEvent


def get_client():
    return Amplitude("KEY")


def signed_up(user_id):
    get_client().track(BaseEvent(event_type="Signed Up", user_id=user_id))
