import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { totpCode, secretOf } from '../support/mfa';
import { DESKTOP, launchChromium } from './support/browser';
import { apiCall, startServer, type RunningServer } from './support/server';
import { PASSWORD, signIn } from './support/shots';

/**
 * Two-step verification (issue 15) end to end through the real server and Debian's Chromium: the
 * demo bureau admin turns it on from 账号安全 (password again, the QR code's secret read from the
 * page, the code computed as an authenticator app would, the recovery codes shown once), signs
 * out, and signs in again with a code. Then the bureau switches 要求管理员使用两步验证 on, and a
 * second administrator who has not enrolled is sent to the enrolment page on signing in and lands
 * in the console once enrolled. Each step is photographed into SHOTS_DIR when it is set.
 */
const BUREAU = 'admin@qingshui.demo';
const SECOND = `second-admin-${Date.now().toString(36)}@qingshui.demo`;
const SECOND_PASSWORD = 'second-admin-pass-2026';

let server: RunningServer;
let browser: Browser;
let page: Page;
let secret: string;

async function shot(p: Page, name: string) {
  const dir = process.env.SHOTS_DIR;
  if (!dir) return;
  mkdirSync(dir, { recursive: true });
  await p.waitForTimeout(300); // toasts and steps finish animating
  await p.screenshot({ path: path.join(dir, `mfa-${name}.png`), fullPage: true });
}

/** The page's secret, as an authenticator app reads it from the QR code's otpauth:// address. */
async function secretOnPage(p: Page): Promise<string> {
  const uri = await p.getByTestId('mfa-secret').getAttribute('data-otpauth');
  const fromUri = secretOf(uri!);
  // the key shown for typing by hand is the same secret, in groups of four
  expect((await p.getByTestId('mfa-secret').innerText()).replace(/\s/g, '')).toBe(fromUri);
  return fromUri;
}

describe('a bureau admin turns on two-step verification and signs in with a code', () => {
  beforeAll(async () => {
    [server, browser] = await Promise.all([startServer(), launchChromium()]);
    const context = await browser.newContext({ viewport: DESKTOP, locale: 'zh-CN' });
    page = await context.newPage();
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  }, 30_000);

  it('enrols from 账号安全: password, QR code and key, a code from the app, ten recovery codes shown once', async () => {
    await signIn(page, server.url, BUREAU);
    await page.getByTestId('user-menu').click();
    await page.getByTestId('menu-security').click();
    await page.waitForURL(/\/account\/security$/);
    await expect.poll(() => page.getByTestId('mfa-status').innerText()).toBe('未开启');
    await shot(page, '1-security-off');

    await page.getByTestId('mfa-begin').click();
    await page.getByTestId('mfa-password').fill(PASSWORD);
    await page.getByTestId('mfa-start').click();
    await page.getByTestId('mfa-qr').waitFor();
    secret = await secretOnPage(page);
    await shot(page, '2-scan');

    // a wrong code first: said on the field, nothing turned on
    await page.getByTestId('mfa-code').fill('000000');
    await page.getByTestId('mfa-confirm').click();
    await page.getByText('验证码不正确').first().waitFor();
    await page.getByTestId('mfa-code').fill(totpCode(secret));
    await page.getByTestId('mfa-confirm').click();
    await page.getByTestId('recovery-codes').waitFor();
    const codes = (await page.getByTestId('recovery-codes').locator('code').allInnerTexts()).map((c) => c.trim());
    expect(codes).toHaveLength(10);
    await shot(page, '3-recovery-codes');
    // leaving needs the tick that they were saved
    expect(await page.getByTestId('mfa-done').isDisabled()).toBe(true);
    await page.getByTestId('recovery-saved').click();
    await page.getByTestId('mfa-done').click();
    await expect.poll(() => page.getByTestId('mfa-status').innerText()).toBe('已开启');
    await expect.poll(() => page.getByTestId('recovery-codes').count()).toBe(0);
    await shot(page, '4-security-on');
  }, 120_000);

  it('signs out, is asked for the code after the password, and signs in with the next one', async () => {
    await page.getByTestId('user-menu').click();
    await page.getByTestId('sign-out').click();
    await page.waitForURL(/\/sign-in$/);
    await page.getByLabel('邮箱').fill(BUREAU);
    await page.getByLabel('密码').fill(PASSWORD);
    await page.getByTestId('sign-in-submit').click();
    await page.getByTestId('mfa-step').waitFor();
    await shot(page, '5-sign-in-code');

    // the code the enrolment used signs in no more: the next step's (within the ±1 window) does
    await page.getByTestId('sign-in-code').fill(totpCode(secret));
    await page.getByTestId('sign-in-code-submit').click();
    await page.getByTestId('sign-in-error').waitFor();
    expect(await page.getByTestId('sign-in-error').innerText()).toContain('验证码不正确');
    await shot(page, '6-sign-in-code-refused');
    await page.getByTestId('sign-in-code').fill(totpCode(secret, new Date(Date.now() + 30_000)));
    await page.getByTestId('sign-in-code-submit').click();
    await page.waitForURL((url) => !url.pathname.startsWith('/sign-in'));
    await page.getByTestId('user-menu').waitFor();
    // back where the sign-out left it (账号安全), now with the code
    expect(new URL(page.url()).pathname).toBe('/account/security');
  }, 120_000);

  it('the bureau requires it of its administrators; one who has not enrolled is sent to enrol on signing in, then reaches the console', async () => {
    await page.goto(`${server.url}/account/security`);
    await page.getByTestId('require-mfa').waitFor();
    await shot(page, '7-tenant-switch-off');
    await page.getByTestId('require-mfa').click();
    await page.getByRole('button', { name: /确\s*定|OK/ }).click();
    await expect.poll(() => page.getByTestId('require-mfa').getAttribute('aria-checked')).toBe('true');
    await shot(page, '8-tenant-switch-on');

    // a second administrator of the bureau, made through the API by the (enrolled) bureau admin
    const token = await page.evaluate(() => localStorage.getItem('bangfu.token') ?? sessionStorage.getItem('bangfu.token'));
    expect(token).toBeTruthy();
    const created = await apiCall(server.url, 'POST', '/api/users', {
      token: token!,
      body: { email: SECOND, password: SECOND_PASSWORD, role: 'bureau_admin' },
    });
    expect(created.status).toBe(201);

    const other = await (await browser.newContext({ viewport: DESKTOP, locale: 'zh-CN' })).newPage();
    await other.goto(`${server.url}/sign-in`);
    await other.getByLabel('邮箱').fill(SECOND);
    await other.getByLabel('密码').fill(SECOND_PASSWORD);
    await other.getByTestId('sign-in-submit').click();
    await other.waitForURL(/\/mfa-setup$/);
    await other.getByTestId('mfa-setup-page').waitFor();
    await shot(other, '9-forced-enrolment');
    await other.getByTestId('mfa-password').fill(SECOND_PASSWORD);
    await other.getByTestId('mfa-start').click();
    await other.getByTestId('mfa-qr').waitFor();
    const s2 = await secretOnPage(other);
    await other.getByTestId('mfa-code').fill(totpCode(s2));
    await other.getByTestId('mfa-confirm').click();
    await other.getByTestId('recovery-codes').waitFor();
    await other.getByTestId('recovery-saved').click();
    await other.getByTestId('mfa-done').click();
    await other.waitForURL((url) => url.pathname === '/');
    await other.getByTestId('user-menu').waitFor();
    await shot(other, '10-forced-enrolment-done');
  }, 150_000);

  it('in English: the security page and the sign-in’s code step', async () => {
    const context = await browser.newContext({ viewport: DESKTOP, locale: 'en-US' });
    await context.addInitScript(() => localStorage.setItem('bangfu.lang', 'en'));
    const en = await context.newPage();
    await en.goto(`${server.url}/sign-in`);
    await en.getByLabel('Email').fill(BUREAU);
    await en.getByLabel('Password').fill(PASSWORD);
    await en.getByTestId('sign-in-submit').click();
    await en.getByTestId('mfa-step').waitFor();
    expect(await en.getByTestId('mfa-step').innerText()).toContain('Two-step verification');
    await en.getByTestId('toggle-recovery').click();
    await shot(en, '11-en-sign-in-recovery');
    await page.evaluate(() => localStorage.setItem('bangfu.lang', 'en'));
    await page.goto(`${server.url}/account/security`);
    await page.getByTestId('tenant-security').waitFor();
    expect(await page.getByTestId('mfa-card').innerText()).toContain('Two-step verification');
    await shot(page, '12-en-security');
  }, 90_000);
});
