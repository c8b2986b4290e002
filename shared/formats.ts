/**
 * Formats the schemas check and the public pages check before sending, without zod: a page with
 * a two-field form (find my order) should not download the schema library for two patterns.
 * shared/schemas/orders.ts builds MobilePhone and OrderNo from these.
 */

/** A mainland China mobile number: 11 digits, 13x–19x. */
export const MOBILE_PHONE_PATTERN = /^1[3-9]\d{9}$/;

/** An order number as buyers read it out: `<TENANT SLUG>-YYYYMMDD-NNNN` (upper case). */
export const ORDER_NO_PATTERN = /^[A-Z0-9][A-Z0-9-]{0,63}-\d{8}-\d{4,}$/;

/** The most a single amount may be, in fen (¥1,000,000,000): money fields' upper bound. */
export const MAX_AMOUNT_FEN = 1_000_000_000_00;

/** An online donation's donor name, trimmed: at most this many characters. */
export const DONOR_NAME_MAX = 100;

/** An online donation's amount: a whole number of fen, more than 0, at most MAX_AMOUNT_FEN. */
export const isDonationAmount = (fen: number | undefined): fen is number => fen !== undefined && Number.isInteger(fen) && fen > 0 && fen <= MAX_AMOUNT_FEN;

/** A cart (one checkout): at most this many different listings (docs/API.md, checkout rules). */
export const MAX_CART_LISTINGS = 20;
/** A cart line: at most this many units of one listing. */
export const MAX_LINE_QUANTITY = 999;
