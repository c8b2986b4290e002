import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { DESKTOP, PHONE } from './browser';
import { tracePage } from './trace';

export const PASSWORD = 'demo-pass-2026';

/**
 * Signs in through the sign-in screen and waits to leave it. A script error on the way (React's
 * "rendered fewer hooks" included, which it recovers from and reports as a page error) fails the
 * sign-in, so every browser test that signs in also proves the sign-in screen renders cleanly.
 */
export async function signIn(page: Page, base: string, email: string, password = PASSWORD) {
  const errors: string[] = [];
  const onError = (e: Error) => errors.push(String(e));
  page.on('pageerror', onError);
  try {
    await page.goto(`${base}/sign-in`);
    await page.getByLabel('邮箱').fill(email);
    await page.getByLabel('密码').fill(password);
    await page.getByTestId('sign-in-submit').click();
    await page.waitForURL((url) => !url.pathname.startsWith('/sign-in'));
    await page.locator('.sign-in').waitFor({ state: 'detached' }); // the sign-in screen is gone: its renders are reported
  } finally {
    page.off('pageerror', onError);
  }
  if (errors.length) throw new Error(`signing in raised page errors:\n${errors.join('\n')}`);
}

/** A signed-in page at a viewport. */
export async function sessionPage(browser: Browser, base: string, email: string, viewport: { width: number; height: number } = DESKTOP): Promise<Page> {
  const context = await browser.newContext({ viewport, locale: 'zh-CN', acceptDownloads: true });
  const page = await context.newPage();
  traces.set(page, tracePage(page));
  await signIn(page, base, email);
  return page;
}

const traces = new WeakMap<Page, ReturnType<typeof tracePage>>();
/** The trace of a page sessionPage opened (its requests since before the sign-in). */
export const traceOf = (page: Page) => traces.get(page) ?? tracePage(page);

/**
 * Full-page screenshots of some screens at desktop and phone width into `dir` (the SHOTS_DIR of a
 * run; nothing when it is not set). Each screen waits for a selector before it is taken.
 */
export async function screenshots(
  browser: Browser,
  base: string,
  email: string,
  screens: { name: string; path: string; ready: string }[],
  dir = process.env.SHOTS_DIR,
) {
  if (!dir) return;
  mkdirSync(dir, { recursive: true });
  for (const [label, viewport] of [
    ['desktop', DESKTOP],
    ['phone', PHONE],
  ] as const) {
    const page = await sessionPage(browser, base, email, viewport);
    for (const s of screens) {
      await page.goto(`${base}${s.path}`);
      await page.locator(s.ready).first().waitFor({ timeout: 20_000 });
      await page.waitForTimeout(700); // charts animate in
      // a long phone page in screen-high slices, so each picture stays readable
      const height = await page.evaluate(() => document.documentElement.scrollHeight);
      if (label === 'phone' && height > 2 * viewport.height) {
        for (let i = 0; i * 1600 < height && i < 4; i++) {
          await page.screenshot({
            path: path.join(dir, `${s.name}-${label}-${i + 1}.png`),
            fullPage: true,
            clip: { x: 0, y: i * 1600, width: viewport.width, height: Math.min(1600, height - i * 1600) },
          });
        }
      } else {
        await page.screenshot({ path: path.join(dir, `${s.name}-${label}.png`), fullPage: true });
      }
    }
    await page.context().close();
  }
}
