package com.example

import com.amplitude.android.Amplitude

class Privacy(private val amplitude: Amplitude) {
    fun consent(given: Boolean) {
        if (given) {
            amplitude.optOut = false
        } else {
            amplitude.optOut = true
        }
    }
}
