import mixpanel from 'mixpanel-browser';

export const who = () => mixpanel.get_distinct_id();
