// mixpanel snippet loaded in index.html
amplitude.init('YOUR_AMPLITUDE_API_KEY');
amplitude.track('Page Loaded');
