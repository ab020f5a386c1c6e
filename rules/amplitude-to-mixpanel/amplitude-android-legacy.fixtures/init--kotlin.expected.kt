package com.example

import android.app.Application
import com.mixpanel.android.mpmetrics.MixpanelAPI

class App : Application() {
    override fun onCreate() {
        super.onCreate()
        MixpanelAPI.getInstance(this, BuildConfig.MIXPANEL_TOKEN, true)
    }
}
