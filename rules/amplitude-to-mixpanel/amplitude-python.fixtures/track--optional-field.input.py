from amplitude import Amplitude, BaseEvent


class Analytics:
    def __init__(self, key, enabled):
        self.client: Amplitude | None = None
        if enabled:
            self.client = Amplitude(key)

    def track(self, name, user_id=None, device_id=None, props=None):
        if not self.client:
            return
        event = BaseEvent(event_type=name, user_id=user_id, device_id=device_id, event_properties=props or {})
        self.client.track(event)
