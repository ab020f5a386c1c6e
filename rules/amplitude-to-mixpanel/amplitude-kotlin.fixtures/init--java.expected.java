package com.example;

import android.content.Context;
import com.mixpanel.android.mpmetrics.MixpanelAPI;

public class Analytics {
    private final MixpanelAPI amplitude;

    public Analytics(Context context) {
        amplitude = MixpanelAPI.getInstance(context, "YOUR_MIXPANEL_PROJECT_TOKEN", true);
    }

    public void opened() {
        amplitude.track("Opened");
    }
}
