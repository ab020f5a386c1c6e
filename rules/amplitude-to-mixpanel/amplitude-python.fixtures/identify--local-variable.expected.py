from mixpanel import Mixpanel

client = Mixpanel("YOUR_MIXPANEL_PROJECT_TOKEN")


def login(user_id):
    client.people_set(user_id, {"last_login": "today"})
    client.people_append(user_id, {"devices": "web"})
