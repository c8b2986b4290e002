import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, PHONE } from './support/browser';
import { apiCall, startServer, type RunningServer } from './support/server';

/**
 * A campaign end to end on a phone: the demo's open New-Year fair (年货节) shows its progress bar; the
 * donor follows its donate button, gives ¥100 to one of its villages, pays on the local checkout
 * page, and the campaign page then shows ¥100.00 more raised — the donation carried the campaign.
 */
const SLUG = 'qingshui';

type PublicCampaign = { id: string; status: string; raisedFen: number; donations: number; villages: { villageId: string; villageName: string; fen: number }[] };

let server: RunningServer;
let browser: Browser;
let page: Page;
let campaign: PublicCampaign;

const read = async (id: string) => (await apiCall<PublicCampaign>(server.url, 'GET', `/api/public/${SLUG}/campaigns/${id}`)).body;

describe('a donor gives through a campaign’s page and the campaign’s progress moves', () => {
  beforeAll(async () => {
    [server, browser] = await Promise.all([startServer(), launchChromium()]);
    const list = await apiCall<{ items: { id: string; status: string }[] }>(server.url, 'GET', `/api/public/${SLUG}/campaigns`);
    const open = list.body.items.find((c) => c.status === 'open');
    expect(open, 'the demo has an open campaign').toBeDefined();
    campaign = await read(open!.id);
    const context = await browser.newContext({ viewport: PHONE, locale: 'zh-CN', isMobile: true, hasTouch: true });
    page = await context.newPage();
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  }, 30_000);

  it('the campaign page shows the raised amount and the progress bar; its donate button opens the form with the campaign attached', async () => {
    await page.goto(`${server.url}/shop/${SLUG}/campaigns/${campaign.id}`);
    await page.getByTestId('campaign-progress').waitFor();
    expect(await page.getByTestId('campaign-progress').locator('[data-fen]').first().getAttribute('data-fen')).toBe(String(campaign.raisedFen));
    expect(Number(await page.getByTestId('campaign-bar').getAttribute('aria-valuenow'))).toBeGreaterThanOrEqual(0);
    await page.getByTestId('campaign-donate').click();
    await page.waitForURL((url) => url.pathname === `/shop/${SLUG}/donate` && url.searchParams.get('campaign') === campaign.id);
    await page.getByTestId('donate-villages').locator('.adm-selector-item').first().click();
    await page.getByTestId('donate-amounts').getByText('¥100', { exact: true }).click();
    await page.getByTestId('donate-submit').click();
    await page.waitForURL((url) => url.pathname.startsWith('/checkout/'));
    await page.getByTestId('checkout-pay').click();
    await page.waitForURL((url) => url.pathname.startsWith(`/shop/${SLUG}/donations/`));
    await expect.poll(() => page.getByTestId('donation-done-summary').getAttribute('data-status'), { timeout: 20_000 }).toBe('confirmed');
  });

  it('the campaign has ¥100.00 more, one donation more, and its page (read fresh: the answer is cached 30 s) says so', async () => {
    const after = await read(campaign.id);
    expect(after.raisedFen - campaign.raisedFen).toBe(10_000);
    expect(after.donations - campaign.donations).toBe(1);
    const fresh = await (await browser.newContext({ viewport: PHONE, locale: 'zh-CN', isMobile: true, hasTouch: true })).newPage();
    await fresh.goto(`${server.url}/shop/${SLUG}/campaigns/${campaign.id}`);
    await expect
      .poll(() => fresh.getByTestId('campaign-progress').locator('[data-fen]').first().getAttribute('data-fen'), { timeout: 10_000 })
      .toBe(String(after.raisedFen));
  });
});
