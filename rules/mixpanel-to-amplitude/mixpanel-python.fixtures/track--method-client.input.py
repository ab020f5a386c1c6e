from mixpanel import Mixpanel


class Tracker:
    def __init__(self, token):
        self._token = token
        self.mp = self._configure_mixpanel()

    def _configure_mixpanel(self):
        return Mixpanel(self._token)

    @property
    def client(self):
        return self.mp

    def checkout(self, user_id, total):
        self.client.track(user_id, "Checkout", {"total": total})

    def opened(self, user_id):
        self.mp.track(user_id, "Opened")


class Defaults:
    client = Mixpanel("TOKEN")

    def ping(self, user_id):
        self.client.track(user_id, "Ping")
        Defaults.client.track(user_id, "Pong")
