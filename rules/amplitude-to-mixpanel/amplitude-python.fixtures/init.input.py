import os

from amplitude import Amplitude

amplitude_client = Amplitude(os.environ["AMPLITUDE_API_KEY"])  # analytics
