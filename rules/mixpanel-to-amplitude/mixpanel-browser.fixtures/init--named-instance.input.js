import mixpanel from 'mixpanel-browser';

mixpanel.init('OTHER_TOKEN', {}, 'marketing');
