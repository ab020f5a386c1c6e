from mixpanel import Mixpanel

client = Mixpanel("YOUR_MIXPANEL_PROJECT_TOKEN")


def anonymous_view(device_id, page):
    client.track(device_id, "Page Viewed")
    client.track(device_id, "Page Viewed", {**page.props, "company": "acme"})
