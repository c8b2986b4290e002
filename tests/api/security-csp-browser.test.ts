import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../e2e/support/browser.js';
import { apiCall, startServer, type RunningServer } from '../e2e/support/server.js';

// Issue 8, Limits: the real server (`functions/entries/local.ts`, demo data) under its CSP in a real
// Chromium: the web app's pages and the server-rendered receipt load with no CSP violation, the
// app renders, and the receipt's print button (an external script, no onclick) still works.

const SLUG = 'qingshui';
let server: RunningServer;
let browser: Browser;

beforeAll(async () => {
  [server, browser] = await Promise.all([startServer(), launchChromium()]);
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

/** A page that records every CSP violation (the listener is injected outside the page's CSP). */
async function watchedPage(): Promise<{ page: Page; violations: () => Promise<string[]>; console: string[] }> {
  const context = await browser.newContext({ locale: 'zh-CN' });
  await context.addInitScript(() => {
    const w = window as unknown as { __csp: string[]; __printed: number };
    w.__csp = [];
    w.__printed = 0;
    document.addEventListener('securitypolicyviolation', (e) => w.__csp.push(`${e.violatedDirective} ${e.blockedURI} ${e.sourceFile}`));
    window.print = () => {
      w.__printed++;
    };
  });
  const page = await context.newPage();
  const console: string[] = [];
  page.on('console', (m) => {
    if (/Content Security Policy|Refused to/i.test(m.text())) console.push(m.text());
  });
  // every refusal is a failure, eval included: the app sets zod jitless (web/src/zod-jitless.ts),
  // so zod never probes `new Function` under the CSP
  const violations = () => page.evaluate(() => (window as unknown as { __csp: string[] }).__csp);
  return { page, console, violations };
}

describe('the browser under the CSP', () => {
  it.each(['/', '/sign-in', `/shop/${SLUG}`, `/shop/${SLUG}/transparency`, `/shop/${SLUG}/donate`])(
    '%s renders with no CSP violation',
    async (url) => {
      const { page, violations, console } = await watchedPage();
      const res = await page.goto(server.url + url, { waitUntil: 'networkidle' });
      expect(res?.status()).toBe(200);
      expect(res?.headers()['content-security-policy']).toContain("script-src 'self'");
      await page.waitForFunction(() => (document.getElementById('root')?.childElementCount ?? 0) > 0, undefined, { timeout: 20_000 });
      expect(await violations()).toEqual([]);
      expect(console).toEqual([]);
      await page.context().close();
    },
    60_000,
  );

  it('the printable receipt loads its print script from the server and the button prints', async () => {
    const t = await apiCall<{ villages: { villageId: string }[] }>(server.url, 'GET', `/api/public/${SLUG}/transparency`);
    const villageId = t.body.villages[0]!.villageId;
    const d = await apiCall<{ checkoutUrl: string; donationId: string; receiptToken: string }>(server.url, 'POST', `/api/public/${SLUG}/donate`, {
      body: { villageId, amountFen: 10_000 },
    });
    expect(d.status).toBe(201);
    const local = (u: string) => server.url + new URL(u, server.url).pathname + new URL(u, server.url).search;
    // the local checkout page (the web app) under the CSP, then Pay as a script would
    const { page, violations, console } = await watchedPage();
    expect((await page.goto(local(d.body.checkoutUrl), { waitUntil: 'networkidle' }))?.status()).toBe(200);
    await page.waitForFunction(() => (document.getElementById('root')?.childElementCount ?? 0) > 0, undefined, { timeout: 20_000 });
    const paid = await fetch(local(d.body.checkoutUrl) + '/pay', { method: 'POST' });
    expect(paid.status).toBeLessThan(400);
    // the server's receipt page as a link already sent opens it (?token=; new links go through the donor's page)
    const res = await page.goto(`${server.url}/api/public/${SLUG}/donations/${d.body.donationId}/receipt?token=${d.body.receiptToken}`, {
      waitUntil: 'networkidle',
    });
    expect(res?.status()).toBe(200);
    await page.locator('[data-print]').click();
    await page.waitForFunction(() => (window as unknown as { __printed: number }).__printed > 0, undefined, { timeout: 5_000 });
    expect(await violations()).toEqual([]);
    expect(console).toEqual([]);
    await page.context().close();
  }, 60_000);
});
