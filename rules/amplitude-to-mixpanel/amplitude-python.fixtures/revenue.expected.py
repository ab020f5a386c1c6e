from amplitude import EventOptions, Revenue
from mixpanel import Mixpanel

client = Mixpanel("YOUR_MIXPANEL_PROJECT_TOKEN")
client.revenue(Revenue(price=9.99, quantity=2, product_id="sku"), EventOptions(user_id="user-1"))
