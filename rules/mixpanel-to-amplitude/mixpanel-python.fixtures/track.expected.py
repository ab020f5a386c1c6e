from amplitude import Amplitude, BaseEvent

mp = Amplitude("YOUR_AMPLITUDE_API_KEY")


def checkout(user, cart):
    mp.track(BaseEvent(
        event_type="Checkout",
        user_id=user.id,
        event_properties={"total": cart.total},
        insert_id=cart.id,
    ))
    mp.track(BaseEvent(event_type="Viewed Cart", user_id=user.id))
    mp.track(BaseEvent(event_type="Opened", user_id=user.id, event_properties=cart.props))
    analytics.track(user.id, "Not Mixpanel", {})
