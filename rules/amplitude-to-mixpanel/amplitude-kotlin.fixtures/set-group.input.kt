package com.example

import com.amplitude.android.Amplitude

class Org(private val amplitude: Amplitude) {
    fun joined(org: String) {
        amplitude.setGroup("org", org)
    }
}
