from amplitude import Amplitude, EventOptions, Identify

mp = Amplitude("YOUR_AMPLITUDE_API_KEY")


def profile(uid):
    mp.identify(Identify().set("plan", "pro").set("seats", 3), EventOptions(user_id=uid))
    mp.identify(Identify().set_once("first_seen", "2024-01-01"), EventOptions(user_id=uid))
    mp.identify(Identify().add("logins", 1), EventOptions(user_id=uid))
    mp.identify(Identify().append("devices", "web"), EventOptions(user_id=uid))
    mp.identify(Identify().post_insert("tags", ["a", "b"]), EventOptions(user_id=uid))
    mp.identify(Identify().remove("tags", "c"), EventOptions(user_id=uid))
