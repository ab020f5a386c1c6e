package com.example

import com.amplitude.android.Amplitude
import org.json.JSONObject

class CheckoutScreen(private val mixpanel: Amplitude) {
    fun onOpen(extra: Map<String, Any>) {
        mixpanel.track("Checkout Opened")
        mixpanel.track("Order Paid", mapOf("total" to 9.99))
        mixpanel.track("Cart Viewed", extra)
        mixpanel.track("Receipt Shown")
    }
}
