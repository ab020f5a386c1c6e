package com.example

import com.mixpanel.android.mpmetrics.MixpanelAPI
import org.json.JSONObject

class CheckoutScreen(private val mixpanel: MixpanelAPI) {
    fun onOpen(extra: Map<String, Any>) {
        mixpanel.track("Checkout Opened")
        mixpanel.track("Order Paid", JSONObject(mapOf("total" to 9.99)))
        mixpanel.trackMap("Cart Viewed", extra)
        mixpanel.track("Receipt Shown", null)
    }
}
