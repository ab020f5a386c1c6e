from mixpanel import Mixpanel


class Tracker:
    def __init__(self, key):
        self.client = Mixpanel(key)

    def purchase(self, user_id, amount):
        self.client.track(user_id, "Purchased", {"amount": amount})
