from amplitude import Amplitude, EventOptions, Revenue

client = Amplitude("KEY")
client.revenue(Revenue(price=9.99, quantity=2, product_id="sku"), EventOptions(user_id="user-1"))
