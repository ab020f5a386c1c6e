import mixpanel as mp_lib
from mixpanel import Mixpanel as MP

mixpanel_client = MP("TOKEN")
mp = mixpanel_client
other = mp_lib.Mixpanel("OTHER")


def signed_up(user_id):
    mp.track(user_id, "Signed Up")
    other.track(user_id, "Other Signed Up")
