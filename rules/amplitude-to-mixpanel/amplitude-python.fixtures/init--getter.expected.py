from mixpanel import Mixpanel


def get_client():
    return Mixpanel("YOUR_MIXPANEL_PROJECT_TOKEN")


def signed_up(user_id):
    get_client().track(user_id, "Signed Up")
