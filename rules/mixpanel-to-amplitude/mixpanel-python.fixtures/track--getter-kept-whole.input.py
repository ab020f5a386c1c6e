from mixpanel import Mixpanel


def get_client(token):
    return Mixpanel(token)


def signed_up(user_id, token):
    get_client(token).track(user_id, "Signed Up")
    get_client(token).people_delete(user_id)
