package com.example

import android.app.Application
import com.amplitude.android.Amplitude
import com.amplitude.android.Configuration

class App : Application() {
    lateinit var mixpanel: Amplitude

    override fun onCreate() {
        super.onCreate()
        mixpanel = Amplitude(Configuration(apiKey = BuildConfig.AMPLITUDE_API_KEY, context = this))
        mixpanel.track("App Started")
    }
}
