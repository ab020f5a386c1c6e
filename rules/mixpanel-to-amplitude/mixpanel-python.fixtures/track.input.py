from mixpanel import Mixpanel

mp = Mixpanel("TOKEN")


def checkout(user, cart):
    mp.track(user.id, "Checkout", {"total": cart.total, "$insert_id": cart.id})
    mp.track(distinct_id=user.id, event_name="Viewed Cart")
    mp.track(user.id, "Opened", cart.props)
    analytics.track(user.id, "Not Mixpanel", {})
