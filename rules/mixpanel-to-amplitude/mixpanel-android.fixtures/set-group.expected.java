package com.example;

import com.amplitude.android.Amplitude;

class Org {
    void joined(Amplitude mixpanel, String org) {
        mixpanel.setGroup("org", org);
    }
}
