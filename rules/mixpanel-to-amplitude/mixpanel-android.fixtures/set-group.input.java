package com.example;

import com.mixpanel.android.mpmetrics.MixpanelAPI;

class Org {
    void joined(MixpanelAPI mixpanel, String org) {
        mixpanel.setGroup("org", org);
    }
}
