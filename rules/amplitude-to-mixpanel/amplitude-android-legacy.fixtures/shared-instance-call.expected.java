package com.example;

import com.amplitude.api.Amplitude;

public class Buttons {
    void clicked() {
        Amplitude.getInstance().logEvent("Clicked");
    }
}
