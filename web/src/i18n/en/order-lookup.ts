import type { Messages } from '../types';
import type { orderLookup as source } from '../zh-CN/order-lookup';

export const orderLookup: Messages<typeof source> = {
  orderLookup: {
    link: 'Find my order',
    title: 'Find my order',
    intro:
      'Enter the mobile number you gave at checkout and the order number to open the order. Order numbers look like ABC-20261207-0001 and are on the order page and in the emails.',
    phone: 'Mobile number',
    phonePlaceholder: 'The 11-digit number given at checkout',
    phoneInvalid: 'Enter an 11-digit mainland China mobile number',
    orderNo: 'Order number',
    orderNoPlaceholder: 'e.g. ABC-20261207-0001',
    orderNoInvalid: 'Order numbers look like ABC-20261207-0001',
    submit: 'Find order',
    searching: 'Searching…',
    notFound: 'No order matches this mobile number and order number',
    tooMany: 'Too many attempts; please try again in an hour',
    failed: 'The search failed; please try again later',
    systemId: 'System id',
    search: 'Find by order number',
    searchPlaceholder: 'Order number, e.g. ABC-20261207-0001',
  },
};
