package com.example;

import android.content.Context;
import com.amplitude.android.Amplitude;
import com.amplitude.android.Configuration;

public final class Analytics {
    private final Amplitude mixpanel;

    public Analytics(Context context) {
        mixpanel = new Amplitude(new Configuration("YOUR_AMPLITUDE_API_KEY", context));
    }

    public void opened() {
        mixpanel.track("Opened");
    }
}
