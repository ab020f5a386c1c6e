package com.example;

import com.amplitude.android.Amplitude;
import java.util.HashMap;
import java.util.Map;
import org.json.JSONObject;

class Search {
    private final Amplitude mixpanel;

    Search(Amplitude mixpanel) {
        this.mixpanel = mixpanel;
    }

    void searched(String query) {
        Map<String, Object> props = new HashMap<>();
        props.put("query", query);
        mixpanel.track("Searched", props);
        mixpanel.track("Filtered", Map.of("query", query));
        mixpanel.track("Opened");
    }
}
