package com.example;

import com.amplitude.api.AmplitudeClient;

public class Org {
    void joined(AmplitudeClient client, String org) {
        client.setGroup("org", org);
    }
}
