package com.example

import com.amplitude.android.Amplitude
import com.amplitude.android.events.Identify

class Profile(private val amplitude: Amplitude) {
    fun upgraded() {
        amplitude.identify(Identify().set("plan", "pro"))
    }
}
