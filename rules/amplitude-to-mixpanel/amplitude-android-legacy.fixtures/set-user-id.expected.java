package com.example;

import com.mixpanel.android.mpmetrics.MixpanelAPI;

public class Login {
    void loggedIn(MixpanelAPI client, String userId) {
        client.identify(userId);
    }
}
