package com.example.shop

import com.amplitude.android.Amplitude

// The client is injected: this file only uses it.
class CheckoutScreen(private val amplitude: Amplitude) {

    fun onOpen() {
        amplitude.track("Checkout Opened")
    }

    fun onPaid(total: Double, items: Int) {
        amplitude.track(
            "Order Paid",
            mapOf("total" to total, "items" to items), // trailing comma kept off
        )
        this.amplitude.track("Receipt Shown", null)
    }
}
