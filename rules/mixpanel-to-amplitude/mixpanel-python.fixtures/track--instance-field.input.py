from mixpanel import Mixpanel


class Tracker:
    def __init__(self, token):
        self.mp = Mixpanel(token)


tracker = Tracker("T")


def go(u):
    tracker.mp.track(u, "Go")
