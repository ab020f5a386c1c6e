import { revenue, Revenue } from '@amplitude/analytics-react-native';

revenue(new Revenue().setProductId('sku-1').setPrice(9.99).setQuantity(2));
