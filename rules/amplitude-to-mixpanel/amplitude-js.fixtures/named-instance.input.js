import amplitude from 'amplitude-js';

const marketing = amplitude.getInstance('marketing');
marketing.init('MARKETING_API_KEY');
marketing.logEvent('Campaign Viewed', { id: 7 });
