package com.example;

import com.amplitude.api.AmplitudeClient;

public class Login {
    void loggedIn(AmplitudeClient client, String userId) {
        client.setUserId(userId);
    }
}
