import os

from mixpanel import Mixpanel

amplitude_client = Mixpanel(os.environ["MIXPANEL_TOKEN"])  # analytics
