package com.example;

import com.mixpanel.android.mpmetrics.MixpanelAPI;
import org.json.JSONException;
import org.json.JSONObject;

public class Screens {
    void opened(MixpanelAPI client, String screen) throws JSONException {
        JSONObject props = new JSONObject();
        props.put("screen", screen);
        client.track("Screen Opened", props);
        client.track("Home");
    }
}
