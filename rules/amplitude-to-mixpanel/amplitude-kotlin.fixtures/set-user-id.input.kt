package com.example

import com.amplitude.android.Amplitude

class Session(private val amplitude: Amplitude) {
    fun loggedIn(user: User) {
        amplitude.setUserId(user.id)
        amplitude.setUserId(userId = "user-" + user.id)
    }
}
