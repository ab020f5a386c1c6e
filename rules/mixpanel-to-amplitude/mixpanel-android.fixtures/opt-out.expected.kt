package com.example

import com.amplitude.android.Amplitude

class Privacy(private val mixpanel: Amplitude) {
    fun consent(given: Boolean) {
        if (given) mixpanel.optOut = false else mixpanel.optOut = true
    }
}
