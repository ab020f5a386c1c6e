from amplitude import Amplitude, BaseEvent


class Tracker:
    def __init__(self, key):
        self.client = Amplitude(key)

    def purchase(self, user_id, amount):
        event = BaseEvent(event_type="Purchased", user_id=user_id, event_properties={"amount": amount})
        self.client.track(event)

    def shared(self, user_id, event):
        self.client.track(event)
