package com.example;

import com.mixpanel.android.mpmetrics.MixpanelAPI;

public class Privacy {
    void consent(MixpanelAPI client, boolean given) {
        if (given) {
            client.optInTracking();
        } else {
            client.optOutTracking();
        }
    }
}
