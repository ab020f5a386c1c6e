from mixpanel import Mixpanel

amplitude = Mixpanel('YOUR_MIXPANEL_PROJECT_TOKEN')


def track_signup(user_id):
    pass
