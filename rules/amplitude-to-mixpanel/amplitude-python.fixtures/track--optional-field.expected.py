from amplitude import Amplitude
from mixpanel import Mixpanel


class Analytics:
    def __init__(self, key, enabled):
        self.client: Amplitude | None = None
        if enabled:
            self.client = Mixpanel(key)

    def track(self, name, user_id=None, device_id=None, props=None):
        if not self.client:
            return
        self.client.track(user_id, name, {**(props or {}), "$device_id": device_id})
