from mixpanel import Mixpanel

_client = None


def client():
    global _client
    if _client is None:
        _client = Mixpanel("YOUR_MIXPANEL_PROJECT_TOKEN")
    return _client


def shutdown():
    global _client
    _client = None


def signed_up(user_id):
    client().track(user_id, "Signed Up")
