package com.example;

import com.amplitude.api.AmplitudeClient;

public class Privacy {
    void consent(AmplitudeClient client, boolean given) {
        if (given) {
            client.setOptOut(false);
        } else {
            client.setOptOut(true);
        }
    }
}
