from amplitude import Amplitude, Config

config = Config(server_zone="EU", flush_queue_size=10)
client = Amplitude(api_key="KEY", configuration=config)
