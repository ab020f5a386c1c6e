from mixpanel import Mixpanel

client = Mixpanel("YOUR_MIXPANEL_PROJECT_TOKEN")


def on_signup(user, plan):
    # keep this comment
    client.track(user.id, "Signed Up", {"plan": plan})
    client.track(
        user.id,
        "Checkout",
        {
            "total": 10,
            "$insert_id": f"order-{user.id}",
        },
    )
