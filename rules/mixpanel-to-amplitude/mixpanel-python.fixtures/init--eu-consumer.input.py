from mixpanel import BufferedConsumer, Consumer, Mixpanel

eu = Mixpanel("TOKEN", consumer=Consumer(api_host="api-eu.mixpanel.com"))

consumer = BufferedConsumer(max_size=20)
buffered = Mixpanel("TOKEN", consumer)
