package com.example;

import android.app.Application;
import com.mixpanel.android.mpmetrics.MixpanelAPI;

public class App extends Application {
    @Override
    public void onCreate() {
        super.onCreate();
        MixpanelAPI.getInstance(this, "YOUR_MIXPANEL_PROJECT_TOKEN", true);
    }
}
