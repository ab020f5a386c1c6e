from amplitude import Amplitude, BaseEvent


class Tracker:
    def __init__(self, token):
        self._token = token
        self.mp = self._configure_mixpanel()

    def _configure_mixpanel(self):
        return Amplitude(self._token)

    @property
    def client(self):
        return self.mp

    def checkout(self, user_id, total):
        self.client.track(BaseEvent(
            event_type="Checkout",
            user_id=user_id,
            event_properties={"total": total},
        ))

    def opened(self, user_id):
        self.mp.track(BaseEvent(event_type="Opened", user_id=user_id))


class Defaults:
    client = Amplitude("YOUR_AMPLITUDE_API_KEY")

    def ping(self, user_id):
        self.client.track(BaseEvent(event_type="Ping", user_id=user_id))
        Defaults.client.track(BaseEvent(event_type="Pong", user_id=user_id))
