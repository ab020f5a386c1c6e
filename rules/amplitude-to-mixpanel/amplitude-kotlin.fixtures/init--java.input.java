package com.example;

import android.content.Context;
import com.amplitude.android.Amplitude;
import com.amplitude.android.Configuration;

public class Analytics {
    private final Amplitude amplitude;

    public Analytics(Context context) {
        amplitude = new Amplitude(new Configuration("0123456789abcdef", context));
    }

    public void opened() {
        amplitude.track("Opened");
    }
}
