import os

from mixpanel import Mixpanel

mp = Mixpanel(os.environ["MIXPANEL_TOKEN"])
