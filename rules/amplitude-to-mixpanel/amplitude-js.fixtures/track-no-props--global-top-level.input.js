// amplitude-js snippet, deprecated top-level API (no getInstance in this file).
window.amplitude.logEvent('Help Opened');
