import { Buyer, MobilePhone } from '../../../../shared/schemas/orders';
import { RequiredText } from '../../../../shared/schemas/common';

/**
 * The shared Buyer schema, with a phone and an address required: the organization ships the
 * produce, so the shop asks for what a courier needs (the API would accept less).
 */
export const ShopBuyer = Buyer.extend({ phone: MobilePhone, address: RequiredText(300, '收货地址') });
