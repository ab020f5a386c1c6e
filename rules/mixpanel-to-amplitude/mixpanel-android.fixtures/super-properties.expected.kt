package com.example

import com.mixpanel.android.mpmetrics.MixpanelAPI
import org.json.JSONObject

class App(private val mixpanel: MixpanelAPI) {
    fun started() {
        mixpanel.registerSuperProperties(JSONObject(mapOf("build" to "debug")))
    }
}
