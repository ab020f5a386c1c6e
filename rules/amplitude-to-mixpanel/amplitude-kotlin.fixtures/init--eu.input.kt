package com.example

import android.content.Context
import com.amplitude.android.Amplitude
import com.amplitude.android.Configuration
import com.amplitude.core.ServerZone

class Analytics(context: Context) {
    private val amplitude = Amplitude(
        Configuration(
            apiKey = "0123456789abcdef",
            context = context,
            serverZone = ServerZone.EU,
            flushQueueSize = 10,
        )
    )

    fun opened() = amplitude.track("Opened")
}
