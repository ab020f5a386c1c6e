import * as amplitude from '@amplitude/analytics-node';

amplitude.revenue(new amplitude.Revenue().setPrice(9.99).setProductId('sku-1'), { user_id: 'user-12345' });
