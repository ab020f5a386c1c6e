from mixpanel import Mixpanel

client = Mixpanel("YOUR_MIXPANEL_PROJECT_TOKEN")


def update_profile(user_id, plan):
    client.people_set(user_id, {"plan": plan})
    client.people_set_once(user_id, {"first_plan": plan})
    client.people_increment(user_id, {"upgrades": 1})
    client.people_union(user_id, {"tags": ["pro"]})
    client.people_unset(user_id, ["trial"])
