package com.example

import android.app.Application
import com.mixpanel.android.mpmetrics.MixpanelAPI

class App : Application() {
    lateinit var amplitude: MixpanelAPI

    override fun onCreate() {
        super.onCreate()
        amplitude = MixpanelAPI.getInstance(applicationContext, BuildConfig.MIXPANEL_TOKEN, true)
        amplitude.track("App Started")
    }
}
