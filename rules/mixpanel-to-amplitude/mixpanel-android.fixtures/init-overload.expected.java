package com.example;

import android.content.Context;
import com.mixpanel.android.mpmetrics.MixpanelAPI;

public final class Analytics {
    private final MixpanelAPI mixpanel;

    public Analytics(Context context) {
        mixpanel = MixpanelAPI.getInstance(context, "abcdef0123456789", true, "second-project");
    }

    public void opened() {
        mixpanel.track("Opened");
    }
}
