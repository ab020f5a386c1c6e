import * as amplitude from '@amplitude/analytics-browser';

amplitude.identify(new amplitude.Identify().unset('trial').unset('coupon'));
amplitude.identify(new amplitude.Identify().setOnce('first_seen', new Date().toISOString()));
amplitude.identify(new amplitude.Identify().postInsert('tags', ['beta']));
