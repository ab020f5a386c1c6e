// amplitude-js snippet, deprecated top-level API (no getInstance in this file).
mixpanel.track('Help Opened');
