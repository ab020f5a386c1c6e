import mixpanel from 'mixpanel-browser';

if (process.env.APP_ENV === 'production') {
  mixpanel.init(process.env.MIXPANEL_PROD_TOKEN, { ip: false });
} else {
  mixpanel.init(process.env.MIXPANEL_DEV_TOKEN);
}
