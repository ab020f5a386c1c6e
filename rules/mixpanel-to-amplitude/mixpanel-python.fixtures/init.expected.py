import os

from amplitude import Amplitude

mp = Amplitude("YOUR_AMPLITUDE_API_KEY")
