from amplitude import Amplitude, BaseEvent

client = Amplitude("KEY")


def anonymous_view(device_id, page):
    client.track(BaseEvent(event_type="Page Viewed", device_id=device_id))
    client.track(BaseEvent(event_type="Page Viewed", device_id=device_id, event_properties=page.props, groups={"company": "acme"}))
