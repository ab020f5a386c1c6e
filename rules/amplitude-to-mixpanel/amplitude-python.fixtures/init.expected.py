import os

from mixpanel import Mixpanel

amplitude_client = Mixpanel("YOUR_MIXPANEL_PROJECT_TOKEN")  # analytics
