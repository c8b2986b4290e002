/**
 * Formats the schemas check and the public pages check before sending, without zod: a page with
 * a two-field form (find my order) should not download the schema library for two patterns.
 * shared/schemas/orders.ts builds MobilePhone and OrderNo from these.
 */

/** A mainland China mobile number: 11 digits, 13x–19x. */
export const MOBILE_PHONE_PATTERN = /^1[3-9]\d{9}$/;

/** An order number as buyers read it out: `<TENANT SLUG>-YYYYMMDD-NNNN` (upper case). */
export const ORDER_NO_PATTERN = /^[A-Z0-9][A-Z0-9-]{0,63}-\d{8}-\d{4,}$/;
