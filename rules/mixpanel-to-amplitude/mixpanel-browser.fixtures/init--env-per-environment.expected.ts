import * as amplitude from '@amplitude/analytics-browser';

if (process.env.APP_ENV === 'production') {
  amplitude.init(process.env.AMPLITUDE_PROD_API_KEY, { trackingOptions: { ipAddress: false } });
} else {
  amplitude.init(process.env.AMPLITUDE_DEV_API_KEY);
}
