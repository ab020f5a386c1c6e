import os

from amplitude import Amplitude

mp = Amplitude(os.environ["AMPLITUDE_API_KEY"])
