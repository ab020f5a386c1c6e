package com.example;

import com.mixpanel.android.mpmetrics.MixpanelAPI;
import org.json.JSONException;
import org.json.JSONObject;

public class Plans {
    void upgraded(MixpanelAPI client) throws JSONException {
        JSONObject props = new JSONObject().put("plan", "pro");
        client.getPeople().set(props);
    }
}
