from mixpanel import Consumer, Mixpanel

client = Mixpanel("YOUR_MIXPANEL_PROJECT_TOKEN", consumer=Consumer(api_host="api-eu.mixpanel.com"))
