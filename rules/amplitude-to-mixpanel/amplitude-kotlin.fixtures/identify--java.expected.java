package com.example;

import com.mixpanel.android.mpmetrics.MixpanelAPI;
import java.util.Map;

class Profile {
    private final MixpanelAPI amplitude;

    Profile(MixpanelAPI amplitude) {
        this.amplitude = amplitude;
    }

    void upgraded(int seats) {
        amplitude.getPeople().set("plan", "pro");
        amplitude.getPeople().setOnce("first_plan", "pro");
        amplitude.getPeople().increment("seats", seats);
        amplitude.trackMap("Upgraded", Map.of("seats", seats));
    }
}
