from mixpanel import Mixpanel

mp = Mixpanel("TOKEN")


def profile(uid):
    mp.people_set(uid, {"plan": "pro", "seats": 3})
    mp.people_set_once(uid, {"first_seen": "2024-01-01"})
    mp.people_increment(uid, {"logins": 1})
    mp.people_append(uid, {"devices": "web"})
    mp.people_union(uid, {"tags": ["a", "b"]})
    mp.people_remove(uid, {"tags": "c"})
