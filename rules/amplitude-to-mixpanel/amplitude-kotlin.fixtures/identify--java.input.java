package com.example;

import com.amplitude.android.Amplitude;
import com.amplitude.android.events.Identify;
import java.util.Map;

class Profile {
    private final Amplitude amplitude;

    Profile(Amplitude amplitude) {
        this.amplitude = amplitude;
    }

    void upgraded(int seats) {
        amplitude.identify(new Identify().set("plan", "pro").setOnce("first_plan", "pro").add("seats", seats));
        amplitude.track("Upgraded", Map.of("seats", seats));
    }
}
