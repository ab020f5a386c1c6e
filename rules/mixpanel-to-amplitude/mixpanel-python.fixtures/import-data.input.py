from mixpanel import Mixpanel

mp = Mixpanel("TOKEN")
mp.import_data("API_KEY", "user-1", "Old Event", 1700000000, {"source": "backfill"})
