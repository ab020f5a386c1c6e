package com.example

import android.app.Application
import com.mixpanel.android.mpmetrics.MixpanelAPI

class App : Application() {
    lateinit var mixpanel: MixpanelAPI

    override fun onCreate() {
        super.onCreate()
        mixpanel = MixpanelAPI.getInstance(this, BuildConfig.MIXPANEL_TOKEN, true)
        mixpanel.track("App Started")
    }
}
