package com.example;

import com.mixpanel.android.mpmetrics.MixpanelAPI;
import java.util.HashMap;
import java.util.Map;

class Search {
    private final MixpanelAPI amplitude;

    Search(MixpanelAPI amplitude) {
        this.amplitude = amplitude;
    }

    void searched(String query) {
        Map<String, Object> props = new HashMap<>();
        props.put("query", query);
        amplitude.trackMap("Searched", props);
        amplitude.track("Search Opened");
        amplitude.identify("user-" + query);
        amplitude.reset();
    }
}
