import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, PHONE } from './support/browser';
import { apiCall, startServer, type RunningServer } from './support/server';
import { sessionPage } from './support/shots';

/**
 * 爱心捐赠 end to end through the real server and Debian's Chromium: on a phone a donor gives ¥100
 * to a 清水县 village, pays on the local checkout page, comes back to the thank-you page, opens the
 * server's printable receipt, and the village's public figures (read through the public API before
 * and after) move by exactly 10000 fen: received and balance up, nothing else (rule 8).
 */
const SLUG = 'qingshui';
const VILLAGE = '高桥村';
const DONOR = '王小明';
const AMOUNT_FEN = 10_000;

type Figures = { cashReceivedFen: number; cashUsedFen: number; balanceFen: number; refundedFen: number; goodsFen: number };
type VillageFigures = Figures & { villageId: string; name: string };
type Transparency = { totals: Figures; villages: VillageFigures[] };

let server: RunningServer;
let browser: Browser;
let page: Page;
let village: VillageFigures;
let before: { tenant: Transparency; village: { village: VillageFigures } };

const transparency = async () => {
  const res = await apiCall<Transparency>(server.url, 'GET', `/api/public/${SLUG}/transparency`);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body;
};
const villagePage = async (id: string) => {
  const res = await apiCall<{ village: VillageFigures }>(server.url, 'GET', `/api/public/${SLUG}/villages/${id}/transparency`);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body;
};
const identity = (f: Figures) => expect(f.cashReceivedFen, JSON.stringify(f)).toBe(f.cashUsedFen + f.balanceFen + f.refundedFen);

describe('a donor gives ¥100 to a village on a phone and the public figures move by exactly 10000 fen', () => {
  beforeAll(async () => {
    [server, browser] = await Promise.all([startServer(), launchChromium()]);
    const tenant = await transparency();
    const found = tenant.villages.find((v) => v.name === VILLAGE) ?? tenant.villages[0];
    expect(found, 'the demo tenant has villages on its transparency page').toBeDefined();
    village = found!;
    before = { tenant, village: await villagePage(village.villageId) };
    identity(before.village.village);
    const context = await browser.newContext({ viewport: PHONE, locale: 'zh-CN', isMobile: true, hasTouch: true });
    page = await context.newPage();
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  }, 30_000);

  it('the shop landing page leads to the donate form, where the donor picks ¥100, names themself and goes to the checkout', async () => {
    await page.goto(`${server.url}/shop/${SLUG}`);
    await page.getByTestId('donate-entry').click();
    await page.waitForURL((url) => url.pathname === `/shop/${SLUG}/donate`);
    await page.getByTestId('donate-villages').locator('.adm-selector-item', { hasText: village.name }).click();
    await page.getByTestId('donate-amounts').getByText('¥100', { exact: true }).click();
    await page.getByTestId('donate-name').locator('input').fill(DONOR);
    expect(await page.getByTestId('donate-submit').textContent()).toContain('¥100.00');
    await page.getByTestId('donate-submit').click();
    await page.waitForURL((url) => url.pathname.startsWith('/checkout/'));
  });

  it('the local checkout page shows a donation (爱心捐赠, the village, ¥100.00) and paying returns to the thank-you page', async () => {
    await page.getByTestId('checkout-donation').waitFor();
    expect(await page.getByTestId('checkout-donation').textContent()).toContain('爱心捐赠');
    expect(await page.getByTestId('checkout-donation').textContent()).toContain(village.name);
    expect(await page.getByTestId('checkout-amount').textContent()).toContain('¥100.00');
    await page.getByTestId('checkout-pay').click();
    await page.waitForURL((url) => url.pathname.startsWith(`/shop/${SLUG}/donations/`));
    await expect.poll(() => page.getByTestId('donation-done-summary').getAttribute('data-status'), { timeout: 20_000 }).toBe('confirmed');
    expect(await page.getByTestId('donation-done-summary').textContent()).toContain(village.name);
    // the token is in the address's fragment (never sent to a server), not its query (issue 15, hole 10)
    expect(new URL(page.url()).search).not.toContain('token=');
    expect(new URL(page.url()).hash).toMatch(/^#token=.+/);
  });

  it('the receipt button opens the server’s printable receipt for ¥100 to the village, the token sent in a header, never in an address', async () => {
    const fetched = page.waitForRequest((r) => r.url().includes('/receipt'));
    const opened = page.context().waitForEvent('page');
    await page.getByTestId('donation-receipt').click();
    const request = await fetched;
    expect(request.url()).not.toContain('token=');
    expect(request.headers()['x-access-token']).toBeTruthy();
    const response = await request.response();
    expect(response?.status()).toBe(200);
    expect(response?.headers()['cache-control']).toContain('no-store');
    const receipt = await opened;
    await receipt.waitForLoadState();
    await receipt.locator('body').getByText(DONOR).waitFor();
    expect(receipt.url()).not.toContain('token');
    const text = (await receipt.locator('body').textContent()) ?? '';
    expect(text).toContain(village.name);
    expect(text).toContain(DONOR);
    expect(text).toMatch(/100\.00/);
    await receipt.close();
  });

  it('the village’s public figures (and the tenant totals) moved by exactly 10000 fen, and still add up', async () => {
    const after = { tenant: await transparency(), village: await villagePage(village.villageId) };
    const v0 = before.village.village;
    const v1 = after.village.village;
    expect(v1.cashReceivedFen - v0.cashReceivedFen).toBe(AMOUNT_FEN);
    expect(v1.balanceFen - v0.balanceFen).toBe(AMOUNT_FEN);
    expect(v1.cashUsedFen).toBe(v0.cashUsedFen);
    expect(v1.refundedFen).toBe(v0.refundedFen);
    expect(v1.goodsFen).toBe(v0.goodsFen);
    identity(v1);
    const listed0 = before.tenant.villages.find((v) => v.villageId === village.villageId)!;
    const listed1 = after.tenant.villages.find((v) => v.villageId === village.villageId)!;
    expect(listed1.cashReceivedFen - listed0.cashReceivedFen).toBe(AMOUNT_FEN);
    expect(after.tenant.totals.cashReceivedFen - before.tenant.totals.cashReceivedFen).toBe(AMOUNT_FEN);
    identity(after.tenant.totals);
  });

  it('the village page on the phone shows the new figure', async () => {
    await page.goto(`${server.url}/shop/${SLUG}/villages/${village.villageId}`);
    await page.getByTestId('tp-village-figures').waitFor();
    const fen = Number(await page.getByTestId('tp-village-figures').getByTestId('funds-received').getAttribute('data-fen'));
    expect(fen).toBe(before.village.village.cashReceivedFen + AMOUNT_FEN);
  });

  it('the village page: its share tags in the served HTML, its QR code in a reserved box, and its donate link choosing the village (issue 16)', async () => {
    const html = await (await fetch(`${server.url}/shop/${SLUG}/villages/${village.villageId}`)).text();
    expect(html).toMatch(new RegExp(`<meta property="og:title" content="${village.name}（`));
    expect(html).toContain(`<meta property="og:url" content="${server.url}/shop/${SLUG}/villages/${village.villageId}"`);
    const qr = page.getByTestId('village-qr').locator('img');
    expect([await qr.getAttribute('width'), await qr.getAttribute('height')]).toEqual(['132', '132']);
    await qr.scrollIntoViewIfNeeded();
    await expect.poll(() => qr.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0)).toBe(true);
    await page.getByTestId('tp-donate').click();
    await page.waitForURL((url) => url.pathname === `/shop/${SLUG}/donate` && url.searchParams.get('village') === village.villageId);
    const chosen = page.getByTestId('donate-villages').locator('.adm-selector-item-active');
    await expect.poll(() => chosen.textContent()).toContain(village.name);
    expect(await page.getByTestId('donate-submit').isEnabled()).toBe(true);
    expect(await page.getByTestId('donate-why').textContent()).toBe('');
    // a village that is not one of the donatable ones is ignored: nothing chosen, and the button says why
    await page.goto(`${server.url}/shop/${SLUG}/donate?village=vil_not_here`);
    await page.getByTestId('donate-villages').locator('.adm-selector-item').first().waitFor();
    expect(await page.getByTestId('donate-villages').locator('.adm-selector-item-active').count()).toBe(0);
    expect(await page.getByTestId('donate-submit').isDisabled()).toBe(true);
    expect(await page.getByTestId('donate-why').textContent()).toBe('请先选择要捐赠的村');
    expect(await page.getByTestId('donate-submit').getAttribute('aria-describedby')).toBe('donate-why');
  });

  it('the bureau gives the gift back in its console: 已退款, and the public figures say refunded, still adding up', async () => {
    const desk = await sessionPage(browser, server.url, 'admin@qingshui.demo');
    await desk.goto(`${server.url}/donations`);
    const row = desk.locator('tr', { hasText: DONOR }).first();
    await row.getByTestId('donation-refund').click();
    await desk.getByTestId('donation-refund-reason').fill('捐赠人申请退回');
    await desk.getByTestId('donation-refund-confirm').click();
    await row.getByText('已退款').waitFor();
    const v = (await villagePage(village.villageId)).village;
    expect(v.refundedFen - before.village.village.refundedFen).toBe(AMOUNT_FEN);
    expect(v.balanceFen).toBe(before.village.village.balanceFen);
    identity(v);
    await desk.context().close();
  }, 90_000);
});
