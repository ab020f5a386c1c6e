package com.example;

import android.app.Activity;
import com.mixpanel.android.mpmetrics.MixpanelAPI;

public class MainActivity extends Activity {
    void clicked() {
        MixpanelAPI.getInstance(this, "abcdef0123456789", true).track("Clicked");
    }
}
