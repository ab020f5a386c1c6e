package com.example

import com.amplitude.android.Amplitude
import com.amplitude.android.events.Identify

class Profile(private val mixpanel: Amplitude) {
    fun upgraded() {
        mixpanel.identify(Identify().set("plan", "pro"))
        mixpanel.track("Upgraded")
    }
}
