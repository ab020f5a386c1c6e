package com.example;

import com.amplitude.android.Amplitude;
import com.amplitude.android.events.Identify;
import java.util.HashMap;
import java.util.Map;

class Profile {
    void upgraded(Amplitude mixpanel, int seats) {
        mixpanel.identify(new Identify().set("plan", "pro"));
        mixpanel.identify(new Identify().setOnce("first_plan", "pro"));
        mixpanel.identify(new Identify().add("seats", seats));
        mixpanel.identify(new Identify().append("plans", "pro"));
        mixpanel.identify(new Identify().remove("trials", "pro"));
        mixpanel.identify(new Identify().unset("trial_ends"));
        mixpanel.identify(Map.of("tier", 2));
    }
}
