from amplitude import Amplitude

mp = Amplitude("YOUR_AMPLITUDE_API_KEY")


def done():
    mp.flush()
