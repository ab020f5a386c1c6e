package com.example;

import com.mixpanel.android.mpmetrics.MixpanelAPI;

public class Org {
    void joined(MixpanelAPI client, String org) {
        client.setGroup("org", org);
    }
}
