from amplitude import Amplitude, BaseEvent

client = Amplitude("KEY")


def on_signup(user, plan):
    # keep this comment
    client.track(BaseEvent(event_properties={"plan": plan}, event_type="Signed Up", user_id=user.id))
    client.track(
        BaseEvent(
            "Checkout",
            user.id,
            event_properties={
                "total": 10,
            },
            insert_id=f"order-{user.id}",
        )
    )
