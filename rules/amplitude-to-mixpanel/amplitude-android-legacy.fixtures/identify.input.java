package com.example;

import com.amplitude.api.AmplitudeClient;
import com.amplitude.api.Identify;

public class Plans {
    void upgraded(AmplitudeClient client) {
        client.identify(new Identify().set("plan", "pro").add("upgrades", 1));
    }
}
