from amplitude import Amplitude, EventOptions, Identify

client = Amplitude("KEY")


def f(user_id, flag):
    client.identify(Identify().prepend("tags", "x"), EventOptions(user_id=user_id))
    client.identify(Identify().set("a", 1).add("a", 2), EventOptions(user_id=user_id))
    idf = Identify()
    if flag:
        idf.set("flag", True)
    client.identify(idf, EventOptions(user_id=user_id))
    client.identify(Identify().set("a", 1), EventOptions(user_id=user_id), event_properties={"x": 1})
