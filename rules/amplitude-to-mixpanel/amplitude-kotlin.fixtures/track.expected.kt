package com.example.shop

import com.mixpanel.android.mpmetrics.MixpanelAPI

// The client is injected: this file only uses it.
class CheckoutScreen(private val amplitude: MixpanelAPI) {

    fun onOpen() {
        amplitude.track("Checkout Opened")
    }

    fun onPaid(total: Double, items: Int) {
        amplitude.trackMap(
            "Order Paid",
            mapOf("total" to total, "items" to items), // trailing comma kept off
        )
        this.amplitude.track("Receipt Shown")
    }
}
