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
  { width: 390, height: 844 },
  { width: 360, height: 780 },
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
  await page.waitForFunction(() => !document.querySelector('.adm-skeleton, .shop-skel'), undefined, { timeout: 10_000 }).catch(() => undefined);
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
    const campaigns = await apiCall<{ items: { id: string; status: string }[] }>(server.url, 'GET', `/api/public/${SLUG}/campaigns`);
    const campaignId = campaigns.body.items.find((c) => c.status === 'open')?.id;
    expect(campaignId, 'the demo shop has an open campaign').toBeDefined();
    const stories = await apiCall<{ items: { id: string }[] }>(server.url, 'GET', `/api/public/${SLUG}/stories`);
    const storyId = stories.body.items[0]?.id;
    expect(storyId, 'the demo shop has a published story').toBeDefined();
    const order = await apiCall<{ orderId: string; orderToken: string }>(server.url, 'POST', `/api/public/${SLUG}/checkout`, {
      body: { items: [{ produceId: listing!.id, quantity: 1 }], buyer: { name: '李华', phone: '13800138000', address: '清水县城关镇 1 号' } },
    });
    expect(order.status, JSON.stringify(order.body)).toBeLessThan(300);
    cartLine = {
      produceId: listing!.id,
      quantity: 2,
      name: listing!.name,
      unit: listing!.unit,
      priceFen: listing!.priceFen,
      villageName: listing!.villageName,
      township: listing!.township,
    };
    pages = [
      { name: 'shop', path: `/shop/${SLUG}` },
      { name: 'listing', path: `/shop/${SLUG}/produce/${listing!.id}` },
      { name: 'cart', path: `/shop/${SLUG}/cart` },
      { name: 'donate', path: `/shop/${SLUG}/donate` },
      { name: 'transparency', path: `/shop/${SLUG}/transparency` },
      { name: 'village', path: `/shop/${SLUG}/villages/${villageId}` },
      { name: 'campaign', path: `/shop/${SLUG}/campaigns/${campaignId}` },
      { name: 'story', path: `/shop/${SLUG}/stories/${storyId}` },
      { name: 'order', path: `/shop/${SLUG}/orders/${order.body.orderId}#token=${encodeURIComponent(order.body.orderToken)}` },
      { name: 'join', path: `/join/${SLUG}` },
      { name: 'lookup', path: `/shop/${SLUG}/orders/lookup` },
    ];
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  }, 30_000);

  for (const { lang, locale } of LANGS) {
    it(`${lang}: no critical or serious axe violation, no page wider than a ${VIEWPORTS.map((v) => v.width).join(' or ')} px screen, no missing word, no console error`, async () => {
      onTestFailed(() => console.log(`server output (tail):\n${server.output().slice(-3000)}`));
      // one visit per page at the first width; the narrower phone is the same page re-laid out
      // (setViewportSize), which measures the same thing without loading every page twice
      const [first, ...others] = VIEWPORTS;
      const context = await openContext(lang, locale, { width: first.width, height: first.height });
      const page = await context.newPage();
      const violations: Found[] = [];
      const wide: { page: string; width: number; scrollWidth: number; innerWidth: number }[] = [];
      const widths: Record<string, number[]> = {};
      // words a page asked for and its language half lacks (web/src/i18n/index.ts records them), and
      // errors in the page's console: a public page reading a console-only word shows up here
      const missing: { page: string; keys: string[] }[] = [];
      const errors: string[] = [];
      let current = '';
      page.on('console', (m) => m.type() === 'error' && errors.push(`${current}: ${m.text().slice(0, 300)}`));
      page.on('pageerror', (e) => errors.push(`${current}: ${String(e).slice(0, 300)}`));
      const shots = process.env.SHOTS_DIR;
      if (shots) mkdirSync(shots, { recursive: true });
      const measure = async (name: string, width: number) => {
        // on a phone (isMobile) Chromium widens the layout viewport to fit wide content, so compare with the screen's width too
        const size = await page.evaluate(() => ({
          scrollWidth: Math.max(document.documentElement.scrollWidth, document.body.scrollWidth),
          innerWidth: window.innerWidth,
        }));
        (widths[name] ??= []).push(size.scrollWidth);
        if (size.scrollWidth > Math.min(size.innerWidth, width) || size.innerWidth > width) wide.push({ page: name, width, ...size });
        if (shots) await page.screenshot({ path: path.join(shots, `public-${name}-${width}-${lang}.png`), fullPage: true });
      };
      for (const visit of pages) {
        current = visit.name;
        await page.setViewportSize({ width: first.width, height: first.height });
        await page.goto(`${server.url}${visit.path}`);
        await settle(page);
        const keys = await page.evaluate(() => (window as unknown as { __i18nMissing?: string[] }).__i18nMissing ?? []);
        if (keys.length) missing.push({ page: visit.name, keys: [...new Set(keys)] });
        expect(await page.evaluate(() => document.documentElement.lang), visit.name).toBe(lang);
        await measure(visit.name, first.width);
        // contrast and names do not change with the width: axe runs at the first width only
        const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa']).analyze();
        for (const v of result.violations) {
          if (v.impact === 'critical' || v.impact === 'serious') {
            violations.push({
              page: visit.name,
              rule: v.id,
              impact: v.impact,
              nodes: v.nodes.slice(0, 8).map((n) => `${n.target.join(' ')}${v.id === 'color-contrast' ? ` (${n.any[0]?.message ?? ''})` : ''}`),
            });
          }
        }
        for (const vp of others) {
          await page.setViewportSize({ width: vp.width, height: vp.height });
          await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
          await page.waitForTimeout(100);
          await measure(visit.name, vp.width);
        }
      }
      await context.close();
      console.log(`${lang}:`, JSON.stringify({ widths, wide, violations, missing, errors }));
      expect(missing, "words missing from the public pages' language half").toEqual([]);
      expect(errors, 'errors in the browser console').toEqual([]);
      expect(wide, 'pages wider than the viewport').toEqual([]);
      expect(violations, 'critical or serious axe-core violations').toEqual([]);
    }, 150_000);
  }
});
