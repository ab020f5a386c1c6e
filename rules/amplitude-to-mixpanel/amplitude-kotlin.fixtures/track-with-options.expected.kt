package com.example

import com.amplitude.android.Amplitude
import com.amplitude.core.events.EventOptions

class Player(private val amplitude: Amplitude) {
    fun played(song: String) {
        amplitude.track("Song Played", mapOf("song" to song), EventOptions().apply { userId = "u-1" })
        amplitude.track("Song Liked")
    }
}
