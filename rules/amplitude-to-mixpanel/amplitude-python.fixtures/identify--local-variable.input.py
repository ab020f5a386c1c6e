from amplitude import Amplitude, EventOptions, Identify

client = Amplitude("KEY")


def login(user_id):
    identify_obj = Identify()
    identify_obj.set("last_login", "today")
    identify_obj.append("devices", "web")
    options = EventOptions(user_id=user_id)
    client.identify(identify_obj, options)
