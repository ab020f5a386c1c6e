package com.example;

import com.mixpanel.android.mpmetrics.MixpanelAPI;

public class Plans {
    void upgraded(MixpanelAPI client) {
        client.getPeople().set("plan", "pro");
        client.getPeople().increment("upgrades", 1);
    }
}
