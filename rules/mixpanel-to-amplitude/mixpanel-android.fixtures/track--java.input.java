package com.example;

import com.mixpanel.android.mpmetrics.MixpanelAPI;
import java.util.HashMap;
import java.util.Map;
import org.json.JSONObject;

class Search {
    private final MixpanelAPI mixpanel;

    Search(MixpanelAPI mixpanel) {
        this.mixpanel = mixpanel;
    }

    void searched(String query) {
        Map<String, Object> props = new HashMap<>();
        props.put("query", query);
        mixpanel.trackMap("Searched", props);
        mixpanel.track("Filtered", new JSONObject(Map.of("query", query)));
        mixpanel.track("Opened");
    }
}
