package com.example

import com.amplitude.android.Amplitude

class Session(private val mixpanel: Amplitude) {
    fun loggedIn(user: User) {
        mixpanel.setUserId(user.id)
    }
}
