import type { Context } from 'hono';
import { RECEIPT_SCRIPT_PATH } from '../modules/donations/receipt.js';

/**
 * The scripts of the pages the server renders itself (the donation receipt), served from this
 * origin so the CSP needs no 'unsafe-inline': the page carries `data-print` on its print button
 * and `<script src="${RECEIPT_SCRIPT_PATH}">`, never an onclick attribute.
 */
export { RECEIPT_SCRIPT_PATH };

const RECEIPT_SCRIPT = `document.querySelectorAll('[data-print]').forEach(function (b) { b.addEventListener('click', function () { window.print(); }); });\n`;

export const receiptScript = (c: Context) =>
  c.body(RECEIPT_SCRIPT, 200, { 'content-type': 'text/javascript; charset=utf-8', 'cache-control': 'public, max-age=3600' });
