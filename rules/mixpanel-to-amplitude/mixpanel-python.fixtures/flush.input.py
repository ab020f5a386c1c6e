from mixpanel import BufferedConsumer, Mixpanel

consumer = BufferedConsumer()
mp = Mixpanel("TOKEN", consumer=consumer)


def done():
    consumer.flush()
