from amplitude import BaseEvent
from mixpanel import Mixpanel

client = Mixpanel("YOUR_MIXPANEL_PROJECT_TOKEN")
client.track(BaseEvent(event_type="Imported", user_id="user-1", time=1700000000000))
client.track(BaseEvent(event_type="Hinted", user_id="user-1", **extra))
