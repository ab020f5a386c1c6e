import amplitude from 'amplitude-js';

const revenue = new amplitude.Revenue().setProductId('sku-1').setPrice(9.99).setQuantity(2);
amplitude.getInstance().logRevenueV2(revenue);
