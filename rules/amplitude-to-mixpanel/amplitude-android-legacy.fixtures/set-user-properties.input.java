package com.example;

import com.amplitude.api.AmplitudeClient;
import org.json.JSONException;
import org.json.JSONObject;

public class Plans {
    void upgraded(AmplitudeClient client) throws JSONException {
        JSONObject props = new JSONObject().put("plan", "pro");
        client.setUserProperties(props);
    }
}
