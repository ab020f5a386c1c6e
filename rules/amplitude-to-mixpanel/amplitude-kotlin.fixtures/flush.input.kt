package com.example

import com.amplitude.android.Amplitude

class Session(private val amplitude: Amplitude) {
    fun background() {
        amplitude.flush()
    }
}
