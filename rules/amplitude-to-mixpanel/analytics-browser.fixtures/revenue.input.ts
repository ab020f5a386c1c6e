import { revenue, Revenue } from '@amplitude/analytics-browser';

revenue(new Revenue().setProductId('sku-1').setPrice(9.99).setQuantity(2));
