package com.example;

import com.amplitude.android.Amplitude;
import java.util.HashMap;
import java.util.Map;

class Search {
    private final Amplitude amplitude;

    Search(Amplitude amplitude) {
        this.amplitude = amplitude;
    }

    void searched(String query) {
        Map<String, Object> props = new HashMap<>();
        props.put("query", query);
        amplitude.track("Searched", props);
        amplitude.track("Search Opened", null);
        amplitude.setUserId("user-" + query);
        amplitude.reset();
    }
}
