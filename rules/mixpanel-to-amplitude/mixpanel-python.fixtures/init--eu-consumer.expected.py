from amplitude import Amplitude, Config

eu = Amplitude("YOUR_AMPLITUDE_API_KEY", Config(server_zone="EU"))

buffered = Amplitude("YOUR_AMPLITUDE_API_KEY")
