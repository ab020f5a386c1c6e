from amplitude import Amplitude, BaseEvent


class Tracker:
    def __init__(self, token):
        self.mp = Amplitude(token)


tracker = Tracker("T")


def go(u):
    tracker.mp.track(BaseEvent(event_type="Go", user_id=u))
