import { randomInt } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isValidCreditCode, withCheckChar } from '../../shared/credit-code';
import { launchChromium, PHONE } from './support/browser';
import { apiCall, apiLogin, listeningAddresses, startServer, type RunningServer } from './support/server';
import { PASSWORD, screenshots, sessionPage, traceOf } from './support/shots';
import { tracePage, traced } from './support/trace';

/**
 * Joining (issue 14) end to end through the real server and Debian's Chromium: on a phone an
 * organization applies at /join/qingshui with a valid credit code and a PDF, and lands on its status
 * page (审核中, the token only in the fragment); the bureau approves it in 入驻申请; the invitation
 * email reaches the local mail sink; its link sets a password and signs the contact in; the new
 * member claims a village; and the bureau's bell shows the claim's notification.
 * With SHOTS_DIR set, every step is also photographed.
 */
const SLUG = 'qingshui';
const BUREAU = 'admin@qingshui.demo';
const VILLAGE = '史沟村'; // a supervised demo village of 清水县
const RAND = `${Date.now().toString(36)}${randomInt(1000, 9999)}`;
const ORG = `清水县晨光农业科技有限公司${RAND}`;
const EMAIL = `join-${RAND}@example.com`;
const CODE = withCheckChar(`91${Array.from({ length: 15 }, () => randomInt(10)).join('')}`);
const NEW_PASSWORD = `Chenguang-${RAND}`;
const NOTICE = `新的结对认领：${ORG} → ${VILLAGE}`;

let server: RunningServer;
let browser: Browser;
let bureau: Page; // the bureau's console, from its approval to its bell
let member: Page; // the new member's console
let pdfDir: string;
let statusPath: string; // /join/qingshui/status/<id>#<token>
let inviteToken: string;
let unreadBefore: number;

/** A full-page screenshot into SHOTS_DIR (nothing when it is not set). */
async function shot(page: Page, name: string, fullPage = true) {
  const dir = process.env.SHOTS_DIR;
  if (!dir) return;
  mkdirSync(dir, { recursive: true });
  await page.waitForTimeout(300); // toasts and drawers finish animating
  await page.screenshot({ path: path.join(dir, `join-${name}.png`), fullPage });
}

type Mail = { file: string; to: string; subject: string; text: string; idempotencyKey: string | null };

describe('an organization applies on a phone, is approved, sets its password, claims a village, and the bureau is told', () => {
  beforeAll(async () => {
    [server, browser] = await Promise.all([startServer(), launchChromium()]);
    pdfDir = mkdtempSync(path.join(tmpdir(), 'bangfu-join-'));
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    if (pdfDir) rmSync(pdfDir, { recursive: true, force: true });
  }, 30_000);

  it('npm start listens on the loopback interface only (no HOST set): 127.0.0.1 and ::1, never 0.0.0.0 or :: (issue 15, hole 11)', () => {
    const addresses = listeningAddresses(Number(new URL(server.url).port));
    expect(addresses).toContain('127.0.0.1');
    for (const a of addresses) expect(['127.0.0.1', '::1']).toContain(a);
  });

  it('on a phone the organization fills /join/qingshui, attaches a PDF, submits, and lands on its status page (审核中, the token only after #)', async () => {
    expect(isValidCreditCode(CODE)).toBe(true);
    const pdf = path.join(pdfDir, '营业执照.pdf');
    writeFileSync(pdf, '%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');

    const context = await browser.newContext({ viewport: PHONE, locale: 'zh-CN', isMobile: true, hasTouch: true });
    const page = await context.newPage();
    const trace = tracePage(page);
    const urls: string[] = [];
    page.on('request', (r) => urls.push(r.url()));
    await traced(trace, async () => {
      await page.goto(`${server.url}/join/${SLUG}`);
      await page.getByTestId('join-title').waitFor();
      await page.getByTestId('join-name').locator('input').fill(ORG);
      await page.locator('.join-kind .adm-selector-item', { hasText: '企业' }).click();
      await page.getByTestId('join-credit-code').locator('input').fill(CODE);
      await expect.poll(() => page.getByTestId('credit-code-hint').textContent()).toContain('校验通过');
      await page.getByTestId('join-contact-name').locator('input').fill('陈晓光');
      await page.getByTestId('join-contact-phone').locator('input').fill('13912345678');
      await page.getByTestId('join-email').locator('input').fill(EMAIL);

      await page.getByTestId('join-villages').click();
      const sheet = page.locator('.join-villages-sheet');
      await sheet.locator('.adm-list-item', { hasText: VILLAGE }).click();
      await sheet.getByTestId('join-villages-done').click();
      await sheet.waitFor({ state: 'hidden' });
      await page.getByTestId('join-villages').getByText(VILLAGE).waitFor();

      await page.getByTestId('join-file-input').setInputFiles(pdf);
      await page.getByTestId('join-documents').getByText('营业执照.pdf').waitFor();
      await page.getByTestId('join-consent').click();
      await shot(page, '1-form-phone');

      await page.getByTestId('join-submit').click();
      await page.waitForURL((url) => url.pathname.startsWith(`/join/${SLUG}/status/`), { timeout: 30_000 });
      const status = page.getByTestId('join-status');
      await status.waitFor({ timeout: 20_000 });
      expect(await status.getAttribute('data-status')).toBe('pending');
      expect(await status.textContent()).toContain('审核中');
      expect(await page.locator('.join-facts').textContent()).toContain(ORG);
    });

    // the status token rides only in the fragment: never the path or the query, never sent in any request
    const url = new URL(page.url());
    const token = decodeURIComponent(url.hash.slice(1));
    expect(token.length).toBeGreaterThanOrEqual(20);
    expect(url.search).toBe('');
    expect(url.pathname).toMatch(new RegExp(`^/join/${SLUG}/status/[^/#?]+$`));
    expect(url.pathname).not.toContain(token);
    expect(urls.filter((u) => u.includes(token) || u.includes(encodeURIComponent(token)))).toEqual([]);
    statusPath = `${url.pathname}${url.hash}`;
    await shot(page, '1-status-pending-phone');
    await context.close();
  }, 90_000);

  it('the bureau opens 入驻申请, opens the application and approves it after the confirmation', async () => {
    bureau = await sessionPage(browser, server.url, BUREAU);
    await traced(traceOf(bureau), async () => {
      await bureau.getByRole('menuitem', { name: '入驻申请' }).click();
      await bureau.waitForURL((url) => url.pathname === '/applications');
      const row = bureau.locator('tr', { hasText: ORG });
      await row.getByTestId('application-open').click();
      const detail = bureau.getByTestId('application-detail');
      await detail.waitFor();
      expect(await detail.textContent()).toContain(CODE);
      await detail.getByText(VILLAGE).waitFor();
      await detail.getByText('营业执照.pdf').waitFor();
      await shot(bureau, '2-application-desktop', false);

      await bureau.getByTestId('application-approve').click();
      const confirm = bureau.locator('.ant-popconfirm');
      await confirm.getByText(`通过「${ORG}」的入驻申请？`).waitFor();
      await shot(bureau, '2-approve-confirm-desktop', false);
      // watch for the 3 s toast from before the click, so a slow machine cannot miss it
      const toast = bureau.getByText(`已通过，账号邀请已发往 ${EMAIL}`).waitFor({ timeout: 20_000 });
      toast.catch(() => undefined); // awaited below
      await confirm.getByRole('button', { name: '通过', exact: true }).click();
      await toast;
      await bureau.locator('.ant-drawer').locator('.ant-tag', { hasText: '已通过' }).waitFor();
      await shot(bureau, '2-approved-desktop', false);
    });
  }, 60_000);

  it('the invitation email reaches the local mail sink within 20 s, with an /invite/<token> link', async () => {
    const deadline = Date.now() + 20_000;
    let invitation: Mail | undefined;
    while (!invitation && Date.now() < deadline) {
      const res = await apiCall<{ items: Mail[] }>(server.url, 'GET', '/dev/mail.json');
      expect(res.status).toBe(200);
      invitation = res.body.items.find((m) => m.to.includes(EMAIL) && /\/invite\/[A-Za-z0-9_-]{43}\b/.test(m.text));
      if (!invitation) await new Promise((r) => setTimeout(r, 500));
    }
    expect(invitation, `no invitation to ${EMAIL} in /dev/mail.json after 20 s`).toBeDefined();
    expect(invitation!.subject).toContain(ORG);
    inviteToken = /\/invite\/([A-Za-z0-9_-]{43})\b/.exec(invitation!.text)![1];
    if (process.env.SHOTS_DIR) {
      // the email as the local mail page shows it
      const context = await browser.newContext({ viewport: PHONE, locale: 'zh-CN', isMobile: true, hasTouch: true });
      const page = await context.newPage();
      await page.goto(`${server.url}/dev/mail/${encodeURIComponent(invitation!.file)}`);
      await shot(page, '3-invitation-mail-phone');
      await context.close();
    }
  }, 30_000);

  it('the invitation link sets a password and signs the new member in: the console loads on 认领结对', async () => {
    // the contact opens the email on a phone
    const context = await browser.newContext({ viewport: PHONE, locale: 'zh-CN', isMobile: true, hasTouch: true });
    member = await context.newPage();
    await traced(traceOf(member), async () => {
      await member.goto(`${server.url}/invite/${inviteToken}`);
      await member.getByTestId('invite-email').waitFor({ timeout: 20_000 });
      expect(await member.getByTestId('invite-email').textContent()).toBe(EMAIL);
      expect(await member.locator('.invite-facts').textContent()).toContain(ORG);
      await member.getByLabel('设置登录密码', { exact: true }).fill(NEW_PASSWORD);
      await member.getByLabel('确认密码', { exact: true }).fill(NEW_PASSWORD);
      await shot(member, '4-invite-phone');
      await member.getByTestId('invite-submit').click();
      await member.waitForURL((url) => url.pathname === '/claim', { timeout: 20_000 });
      await member.getByTestId('bell').waitFor();
      await member.locator('[data-testid="claim-village"]').first().waitFor({ timeout: 20_000 });
      await shot(member, '4-signed-in-phone', false);
    });
    // the password works for a fresh sign-in too
    expect(await apiLogin(server.url, EMAIL, NEW_PASSWORD)).toBeTruthy();
  }, 60_000);

  it(`the new member claims ${VILLAGE} on /claim and sees it pending`, async () => {
    const admin = await apiLogin(server.url, BUREAU, PASSWORD);
    unreadBefore = (await apiCall<{ unread: number }>(server.url, 'GET', '/api/notifications?limit=1', { token: admin })).body.unread;
    await traced(traceOf(member), async () => {
      const card = member.locator(`[data-testid="claim-village"][data-village="${VILLAGE}"]`);
      const button = card.getByTestId('claim-button');
      await button.waitFor();
      expect(await button.isEnabled()).toBe(true);
      await button.click();
      const dialog = member.getByRole('dialog');
      await dialog.getByText(`认领结对 · ${VILLAGE}`).waitFor();
      // the dialog fully open (its zoom-in over, the form mounted) before its button is pressed
      await member.waitForFunction(() => !document.querySelector('.ant-zoom-appear, .ant-zoom-enter, .ant-zoom-appear-active, .ant-zoom-enter-active'));
      await dialog.locator('form').waitFor();
      await shot(member, '5-claim-dialog-phone', false);
      const toast = member.getByText(`已提交对 ${VILLAGE} 的认领，等待民政局审核`).waitFor({ timeout: 20_000 });
      toast.catch(() => undefined); // awaited below
      await member.getByTestId('claim-submit').click();
      await toast;
      await card.getByTestId('claim-state').waitFor();
      expect(await card.getByTestId('claim-state').textContent()).toContain('待审核');
      await card.scrollIntoViewIfNeeded();
      await shot(member, '5-claimed-phone', false);
    });
    await member.context().close();
  }, 60_000);

  it('the bureau’s bell shows the unread claim notification, in the bell and on /notifications', async () => {
    await traced(traceOf(bureau), async () => {
      // the worker delivers within a second or two; each load of the console asks the bell again
      await expect
        .poll(
          async () => {
            const bell = bureau.waitForResponse((r) => new URL(r.url()).pathname === '/api/notifications' && r.request().method() === 'GET');
            await bureau.goto(`${server.url}/`);
            const body = (await (await bell).json()) as { items: { title: string; readAt?: string | null }[] };
            return body.items.some((n) => n.title === NOTICE && !n.readAt);
          },
          { timeout: 20_000, interval: 1000 },
        )
        .toBe(true);
      const bell = bureau.getByTestId('bell');
      await expect.poll(() => bell.getAttribute('data-unread').then(Number)).toBeGreaterThan(unreadBefore);
      const badge = bureau.locator('.ant-badge', { has: bell }).locator('.ant-badge-count');
      await badge.waitFor();
      expect(Number(await badge.getAttribute('title'))).toBeGreaterThan(unreadBefore);

      await bell.click();
      const panel = bureau.getByTestId('bell-panel');
      const line = panel.getByTestId('notification').filter({ hasText: NOTICE });
      await line.waitFor();
      expect(await line.getAttribute('data-unread')).toBe('true');
      await shot(bureau, '6-bell-desktop', false);

      await panel.getByTestId('bell-view-all').click();
      await bureau.waitForURL((url) => url.pathname === '/notifications');
      const item = bureau.getByTestId('notification').filter({ hasText: NOTICE });
      await item.waitFor();
      expect(await item.textContent()).toContain(`${ORG}认领了${VILLAGE}的帮扶结对，等待审核。`);
      await shot(bureau, '6-notifications-desktop');
    });
    await bureau.context().close();
  }, 60_000);

  it.runIf(!!process.env.SHOTS_DIR)(
    'photographs the applicant’s status page once approved, and the bureau’s screens at both widths',
    async () => {
      const context = await browser.newContext({ viewport: PHONE, locale: 'zh-CN', isMobile: true, hasTouch: true });
      const page = await context.newPage();
      await page.goto(`${server.url}${statusPath}`);
      await expect.poll(() => page.getByTestId('join-status').getAttribute('data-status'), { timeout: 20_000 }).toBe('approved');
      await shot(page, '7-status-approved-phone');
      await context.close();
      await screenshots(browser, server.url, BUREAU, [
        { name: 'join-applications', path: '/applications', ready: '[data-testid="application-open"]' },
        { name: 'join-notifications', path: '/notifications', ready: '[data-testid="notification"]' },
      ]);
    },
    120_000,
  );
});
