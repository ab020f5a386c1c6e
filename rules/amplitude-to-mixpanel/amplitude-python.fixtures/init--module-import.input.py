import amplitude

amplitude = amplitude.Amplitude('KEY')


def track_signup(user_id):
    amplitude.flush()
