package com.example;

import com.amplitude.api.AmplitudeClient;
import org.json.JSONException;
import org.json.JSONObject;

public class Screens {
    void opened(AmplitudeClient client, String screen) throws JSONException {
        JSONObject props = new JSONObject();
        props.put("screen", screen);
        client.logEvent("Screen Opened", props);
        client.logEvent("Home");
    }
}
