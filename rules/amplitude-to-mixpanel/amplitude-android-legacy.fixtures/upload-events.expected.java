package com.example;

import com.mixpanel.android.mpmetrics.MixpanelAPI;

class Session {
    void background(MixpanelAPI client) {
        client.flush();
    }
}
