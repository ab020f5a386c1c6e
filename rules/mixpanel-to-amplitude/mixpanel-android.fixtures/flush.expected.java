package com.example;

import com.amplitude.android.Amplitude;

class Session {
    void background(Amplitude mixpanel) {
        mixpanel.flush();
    }
}
