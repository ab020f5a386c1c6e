package com.example;

import com.amplitude.api.AmplitudeClient;

class Session {
    void background(AmplitudeClient client) {
        client.uploadEvents();
    }
}
