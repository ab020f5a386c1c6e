import atexit

from amplitude import Amplitude

client = Amplitude("KEY")


def close():
    client.flush()


def stop():
    client.flush()  # drain
    client.shutdown()
    print("bye")


futures = client.flush()
