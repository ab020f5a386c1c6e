package com.example

import android.app.Application
import com.amplitude.android.Amplitude
import com.amplitude.android.Configuration

class App : Application() {
    lateinit var amplitude: Amplitude

    override fun onCreate() {
        super.onCreate()
        amplitude = Amplitude(Configuration(apiKey = BuildConfig.AMPLITUDE_API_KEY, context = applicationContext))
        amplitude.track("App Started")
    }
}
