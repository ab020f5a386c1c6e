package com.example;

import android.app.Application;
import com.amplitude.api.Amplitude;

public class App extends Application {
    @Override
    public void onCreate() {
        super.onCreate();
        Amplitude.getInstance().initialize(this, "0123456789abcdef").enableForegroundTracking(this);
    }
}
