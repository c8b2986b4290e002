import AxeBuilder from '@axe-core/playwright';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, onTestFailed } from 'vitest';
import { launchChromium } from './support/browser';
import { apiCall, startServer, type RunningServer } from './support/server';

/**
 * Every public (antd-mobile, phone-first) page, in Chinese and English, on a 390 px and a 360 px phone
 * (issue 16): no critical or serious axe-core violation (WCAG 2 A/AA rules: labelled stepper, named
 * buttons, contrast ≥ 4.5:1) and nothing wider than the screen (no sideways scroll). One server, one
 * browser, one context per viewport and language, the pages visited one after another. With SHOTS_DIR
 * set, each page is also photographed (to look at the screens).
 */
const SLUG = 'qingshui';
const LANGS = [
  { lang: 'zh-CN', locale: 'zh-CN' },
  { lang: 'en', locale: 'en-US' },
] as const;
const VIEWPORTS = [
  { width: 390, height: 844, axe: true },
  { width: 360, height: 780, axe: false }, // contrast and names do not change with the width: axe runs at 390 only
] as const;

type Listing = { id: string; name: string; unit: string; priceFen: number; villageName: string; township: string; available?: number };
type Visit = { name: string; path: string };

let server: RunningServer;
let browser: Browser;
let pages: Visit[] = [];
let cartLine: Record<string, unknown>;

async function settle(page: Page) {
  await page.waitForLoadState('networkidle');
  // skeletons replaced by content (at most a few seconds on a loaded machine)
  await page.waitForFunction(() => !document.querySelector('.adm-skeleton'), undefined, { timeout: 10_000 }).catch(() => undefined);
  await page.waitForTimeout(150);
}

async function openContext(lang: string, locale: string, viewport: { width: number; height: number }): Promise<BrowserContext> {
  const context = await browser.newContext({ viewport, locale, isMobile: true, hasTouch: true, deviceScaleFactor: 1 });
  await context.addInitScript(
    ([l, slug, line]) => {
      localStorage.setItem('bangfu.lang', l);
      if (!localStorage.getItem(`bangfu.cart.${slug}`)) localStorage.setItem(`bangfu.cart.${slug}`, JSON.stringify([line]));
    },
    [lang, SLUG, cartLine] as const,
  );
  return context;
}

type Found = { page: string; rule: string; impact: string; nodes: string[] };

describe('the public pages are accessible (axe-core, WCAG 2 A/AA) and never wider than a 360/390 px phone, in Chinese and English', () => {
  beforeAll(async () => {
    [server, browser] = await Promise.all([startServer(), launchChromium()]);
    const list = await apiCall<{ items: Listing[] }>(server.url, 'GET', `/api/public/${SLUG}/produce?limit=20`);
    expect(list.status, JSON.stringify(list.body)).toBe(200);
    const listing = list.body.items.find((i) => (i.available ?? 1) > 0) ?? list.body.items[0];
    expect(listing, 'the demo shop has listings').toBeDefined();
    const tp = await apiCall<{ villages: { villageId: string }[] }>(server.url, 'GET', `/api/public/${SLUG}/transparency`);
    expect(tp.status).toBe(200);
    const villageId = tp.body.villages[0]?.villageId;
    expect(villageId, 'the demo shop has villages').toBeDefined();
    const order = await apiCall<{ orderId: string; orderToken: string }>(server.url, 'POST', `/api/public/${SLUG}/checkout`, {
      body: { items: [{ produceId: listing!.id, quantity: 1 }], buyer: { name: '李华', phone: '13800138000', address: '清水县城关镇 1 号' } },
    });
    expect(order.status, JSON.stringify(order.body)).toBeLessThan(300);
    cartLine = { produceId: listing!.id, quantity: 2, name: listing!.name, unit: listing!.unit, priceFen: listing!.priceFen, villageName: listing!.villageName, township: listing!.township };
    pages = [
      { name: 'shop', path: `/shop/${SLUG}` },
      { name: 'listing', path: `/shop/${SLUG}/produce/${listing!.id}` },
      { name: 'cart', path: `/shop/${SLUG}/cart` },
      { name: 'donate', path: `/shop/${SLUG}/donate` },
      { name: 'transparency', path: `/shop/${SLUG}/transparency` },
      { name: 'village', path: `/shop/${SLUG}/villages/${villageId}` },
      { name: 'order', path: `/shop/${SLUG}/orders/${order.body.orderId}#token=${encodeURIComponent(order.body.orderToken)}` },
      { name: 'join', path: `/join/${SLUG}` },
    ];
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  }, 30_000);

  for (const { width, height, axe } of VIEWPORTS) {
    for (const { lang, locale } of LANGS) {
      it(`${width} px, ${lang}: ${axe ? 'no critical or serious axe violation and ' : ''}no page wider than the screen`, async () => {
        onTestFailed(() => console.log(`server output (tail):\n${server.output().slice(-3000)}`));
        const context = await openContext(lang, locale, { width, height });
        const page = await context.newPage();
        const violations: Found[] = [];
        const wide: { page: string; scrollWidth: number; innerWidth: number }[] = [];
        const widths: Record<string, number> = {};
        const shots = process.env.SHOTS_DIR;
        if (shots) mkdirSync(shots, { recursive: true });
        for (const visit of pages) {
          await page.goto(`${server.url}${visit.path}`);
          await settle(page);
          expect(await page.evaluate(() => document.documentElement.lang), visit.name).toBe(lang);
          // on a phone (isMobile) Chromium widens the layout viewport to fit wide content, so compare with the screen's width too
          const size = await page.evaluate(() => ({ scrollWidth: Math.max(document.documentElement.scrollWidth, document.body.scrollWidth), innerWidth: window.innerWidth }));
          widths[visit.name] = size.scrollWidth;
          if (size.scrollWidth > Math.min(size.innerWidth, width) || size.innerWidth > width) wide.push({ page: visit.name, ...size });
          if (shots) await page.screenshot({ path: path.join(shots, `public-${visit.name}-${width}-${lang}.png`), fullPage: true });
          if (!axe) continue;
          const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa']).analyze();
          for (const v of result.violations) {
            if (v.impact === 'critical' || v.impact === 'serious') {
              violations.push({ page: visit.name, rule: v.id, impact: v.impact, nodes: v.nodes.slice(0, 8).map((n) => `${n.target.join(' ')}${v.id === 'color-contrast' ? ` (${n.any[0]?.message ?? ''})` : ''}`) });
            }
          }
        }
        await context.close();
        console.log(`${width} px ${lang}:`, JSON.stringify({ widths, wide, violations }, null, 1));
        expect(wide, 'pages wider than the viewport').toEqual([]);
        expect(violations, 'critical or serious axe-core violations').toEqual([]);
      }, 120_000);
    }
  }
});
