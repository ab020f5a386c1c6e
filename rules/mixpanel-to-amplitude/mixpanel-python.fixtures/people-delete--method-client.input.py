"""An old worker that builds its own client: its one call has no Amplitude equivalent, so this
client stays Mixpanel as a whole and every line of it is listed for review."""

from mixpanel import Mixpanel


class Worker:
    def __init__(self, token):
        self.mp = self._configure_mixpanel(token)

    def _configure_mixpanel(self, token):
        return Mixpanel(token)

    def run(self, user_id):
        self.mp.track(user_id, "Worker Ran")
        self.mp.people_delete(user_id)
