import AxeBuilder from '@axe-core/playwright';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, onTestFailed } from 'vitest';
import { launchChromium } from './support/browser';
import { PASSWORD } from './support/shots';
import { apiCall, apiLogin, startServer, type RunningServer } from './support/server';

/**
 * Issue 16, item 5, as a reporter on a phone: a concern filed from a village page shows its ticket
 * number and a link to its status page; the page shows received → investigating → resolved and the
 * organizer's reply once written; in Chinese and English it has no serious axe-core violation and is
 * no wider than a 360 px screen. With SHOTS_DIR set, the screens are photographed.
 */
const SLUG = 'qingshui';
const BUREAU = 'admin@qingshui.demo';

let server: RunningServer;
let browser: Browser;
let villageId: string;

async function axeSerious(page: Page): Promise<string[]> {
  const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa']).analyze();
  return result.violations
    .filter((v) => v.impact === 'critical' || v.impact === 'serious')
    .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

const widthOf = (page: Page) =>
  page.evaluate(() => ({ scroll: Math.max(document.documentElement.scrollWidth, document.body.scrollWidth), inner: window.innerWidth }));

async function shot(page: Page, name: string) {
  const dir = process.env.SHOTS_DIR;
  if (!dir) return;
  mkdirSync(dir, { recursive: true });
  await page.screenshot({ path: path.join(dir, `concern-${name}.png`), fullPage: true });
}

describe('a concern’s ticket and status page', () => {
  beforeAll(async () => {
    [server, browser] = await Promise.all([startServer(), launchChromium()]);
    const tp = await apiCall<{ villages: { villageId: string }[] }>(server.url, 'GET', `/api/public/${SLUG}/transparency`);
    villageId = tp.body.villages[0]!.villageId;
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  }, 30_000);

  it('filed from a village page: the ticket, the link, then the status and the reply as the bureau moves it', async () => {
    onTestFailed(() => console.log(`server output (tail):\n${server.output().slice(-3000)}`));
    const context = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'zh-CN', isMobile: true, hasTouch: true });
    await context.addInitScript(() => localStorage.setItem('bangfu.lang', 'zh-CN'));
    const page = await context.newPage();
    await page.goto(`${server.url}/shop/${SLUG}/villages/${villageId}`);
    await page.locator('.concern-toggle').click();
    await page.getByLabel('反映内容').fill('村口公示栏的捐款数额和网上不一致，请核查');
    await page.getByTestId('concern-submit').click();
    const ticket = (await page.getByTestId('concern-filed-ticket').textContent())!;
    expect(ticket).toMatch(/^QINGSHUI-T-\d{8}-\d{4}$/);
    await shot(page, 'filed-390-zh-CN');

    await page.getByTestId('concern-status-link').click();
    await page.waitForURL(/\/shop\/qingshui\/concerns\/[^/#]+#token=/);
    await page.locator('[data-testid="concern-status"]').waitFor();
    expect(await page.getByTestId('concern-ticket').textContent()).toBe(ticket);
    expect(await page.getByTestId('concern-status-now').textContent()).toBe('已受理');
    expect(await page.getByTestId('concern-reply').textContent()).toContain('暂无回复');
    expect(await axeSerious(page)).toEqual([]);

    // the bureau investigates and replies; the page read again shows it
    const id = new URL(page.url()).pathname.split('/').at(-1)!;
    const admin = await apiLogin(server.url, BUREAU, PASSWORD);
    expect(
      (
        await apiCall(server.url, 'PATCH', `/api/concerns/${id}`, {
          token: admin,
          body: { status: 'investigating', resolution: '已转交城关镇核查，一周内答复' },
        })
      ).status,
    ).toBe(200);
    await page.reload();
    await page.locator('[data-testid="concern-status"]').waitFor();
    expect(await page.getByTestId('concern-status-now').textContent()).toBe('核查中');
    expect(await page.getByTestId('concern-reply').textContent()).toContain('已转交城关镇核查');
    await shot(page, 'status-390-zh-CN');
    expect(
      (
        await apiCall(server.url, 'PATCH', `/api/concerns/${id}`, {
          token: admin,
          body: { status: 'resolved', resolution: '已核实：公示栏漏记一笔 500 元，已更正' },
        })
      ).status,
    ).toBe(200);
    const url = page.url();
    await context.close();

    // English on a 360 px phone: no sideways scroll, no serious axe violation
    const en = await browser.newContext({ viewport: { width: 360, height: 780 }, locale: 'en-US', isMobile: true, hasTouch: true });
    await en.addInitScript(() => localStorage.setItem('bangfu.lang', 'en'));
    const p2 = await en.newPage();
    await p2.goto(url);
    await p2.locator('[data-testid="concern-status"]').waitFor();
    expect(await p2.getByTestId('concern-status-now').textContent()).toBe('Resolved');
    expect(await p2.getByTestId('concern-reply').textContent()).toContain('已更正');
    const w = await widthOf(p2);
    expect(w.scroll).toBeLessThanOrEqual(Math.min(w.inner, 360));
    expect(await axeSerious(p2)).toEqual([]);
    await shot(p2, 'status-360-en');

    // a link without its token, or with a wrong one: the same "not found" in words
    await p2.goto(url.replace(/#token=.*/, '#token=wrong'));
    await p2.getByTestId('shop-error').waitFor();
    expect(await p2.getByTestId('shop-error').textContent()).toContain('Report not found');
    await en.close();
  }, 180_000);
});
