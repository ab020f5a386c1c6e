// mixpanel snippet loaded in index.html
window.mixpanel.init('MIXPANEL_TOKEN');
mixpanel.track('Page Loaded');
