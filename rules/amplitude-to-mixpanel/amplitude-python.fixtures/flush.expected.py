import atexit

from mixpanel import Mixpanel

client = Mixpanel("YOUR_MIXPANEL_PROJECT_TOKEN")


def close():
    pass


def stop():
    print("bye")

