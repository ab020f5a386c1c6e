package com.example

import com.amplitude.android.Amplitude

class Session(private val mixpanel: Amplitude) {
    fun loggedOut() {
        mixpanel.reset()
    }
}
