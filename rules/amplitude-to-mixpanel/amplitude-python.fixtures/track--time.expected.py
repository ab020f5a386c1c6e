from amplitude import Amplitude, BaseEvent

client = Amplitude("KEY")
client.track(BaseEvent(event_type="Imported", user_id="user-1", time=1700000000000))
client.track(BaseEvent(event_type="Hinted", user_id="user-1", **extra))
