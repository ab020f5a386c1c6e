from amplitude import Amplitude, EventOptions, Identify

client = Amplitude("KEY")


def update_profile(user_id, plan):
    client.identify(
        Identify().set("plan", plan).set_once("first_plan", plan).add("upgrades", 1).post_insert("tags", "pro").unset("trial"),
        EventOptions(user_id=user_id),
    )
