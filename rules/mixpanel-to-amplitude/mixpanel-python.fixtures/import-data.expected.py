from amplitude import Amplitude, BaseEvent

mp = Amplitude("YOUR_AMPLITUDE_API_KEY")
mp.track(BaseEvent(
    event_type="Old Event",
    user_id="user-1",
    event_properties={"source": "backfill"},
    time=int(1700000000 * 1000),
))
