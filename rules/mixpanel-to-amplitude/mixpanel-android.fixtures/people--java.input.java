package com.example;

import com.mixpanel.android.mpmetrics.MixpanelAPI;
import java.util.HashMap;
import java.util.Map;

class Profile {
    void upgraded(MixpanelAPI mixpanel, int seats) {
        mixpanel.getPeople().set("plan", "pro");
        mixpanel.getPeople().setOnce("first_plan", "pro");
        mixpanel.getPeople().increment("seats", seats);
        mixpanel.getPeople().append("plans", "pro");
        mixpanel.getPeople().remove("trials", "pro");
        mixpanel.getPeople().unset("trial_ends");
        mixpanel.getPeople().setMap(Map.of("tier", 2));
    }
}
