package com.example

import android.app.Application
import com.amplitude.api.Amplitude

class App : Application() {
    override fun onCreate() {
        super.onCreate()
        Amplitude.getInstance().initialize(this, BuildConfig.AMPLITUDE_API_KEY)
    }
}
