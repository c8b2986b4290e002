import ExcelJS from 'exceljs';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DESKTOP, launchChromium, PHONE } from './support/browser';
import { apiCall, apiLogin, startServer, type RunningServer } from './support/server';
import { PASSWORD, screenshots, sessionPage, traceOf } from './support/shots';
import { traced } from './support/trace';

/**
 * The bureau's cockpit through the real server and Debian's Chromium: the dashboard puts an
 * uncovered supervised village first, its 去结对 link pairs it in two clicks, and the dashboard then
 * counts it covered (rule 1); an organization writes and submits its weekly report (rule 3).
 * With SHOTS_DIR set, every cockpit screen is also photographed at desktop and phone width.
 */
const BUREAU = 'admin@qingshui.demo';
const ORG_MEMBER = 'org1@qingshui.demo';
const ORG_NAME = '清水县智远职业技能培训学校'; // 1 active pairing of the limit 3
const VILLAGE = '望川村';

let server: RunningServer;
let browser: Browser;
let villageId: string;

describe('the bureau cockpit in the browser', () => {
  beforeAll(async () => {
    [server, browser] = await Promise.all([startServer(), launchChromium()]);
    const admin = await apiLogin(server.url, BUREAU, PASSWORD);
    const created = await apiCall<{ id: string }>(server.url, 'POST', '/api/villages', {
      token: admin,
      body: {
        name: VILLAGE,
        township: '远门镇',
        county: '清水县',
        households: 188,
        population: 790,
        poorHouseholds: 31,
        status: 'unlifted',
        supervised: true,
        needs: ['industry', 'sales'],
      },
    });
    expect(created.status).toBe(201);
    villageId = created.body.id;
    // no report is filed here: the demo organizations have reported (functions/demo/reports.ts: none
    // is blocked by rule 10), and last week's report is the one the browser test below writes — from
    // Tuesday 18:00 to Sunday that is also the due week, so a report filed here would lock its form
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  }, 30_000);

  it('the dashboard shows the uncovered supervised village first; 去结对 pairs it and the dashboard counts it covered', async () => {
    const page = await sessionPage(browser, server.url, BUREAU);
    await traced(traceOf(page), async () => {
      await expect.poll(() => new URL(page.url()).pathname).toBe('/');

      const item = page.locator(`[data-testid="uncovered-item"][data-village="${VILLAGE}"]`);
      await item.waitFor();
      // rule 1 first: the uncovered list sits above every other figure of the dashboard
      const listBox = await page.getByTestId('uncovered-list').boundingBox();
      const statBox = await page.getByTestId('stat-total').boundingBox();
      expect(listBox && statBox && listBox.y < statBox.y).toBe(true);
      const coveredBefore = Number((await page.getByTestId('stat-covered').locator('.ant-statistic-content-value').textContent())?.replace(/\D/g, ''));

      await item.getByTestId('go-pair').click();
      await expect.poll(() => new URL(page.url()).searchParams.get('claimVillage')).toBe(villageId);
      const dialog = page.getByRole('dialog');
      await dialog.getByTestId('bureau-claim-village').getByText(VILLAGE).waitFor();
      // pick the organization; on a busy machine the dropdown may close before the click lands: retry
      const picked = () =>
        dialog
          .locator('.ant-form-item')
          .filter({ has: page.getByTestId('bureau-claim-org') })
          .innerText();
      // (typed keys can land before the search box has focus, leaving the list unfiltered and the
      // option outside the virtual list's window: fill the search box itself, and bound each try)
      for (let attempt = 0; attempt < 3 && !(await picked()).includes(ORG_NAME); attempt++) {
        try {
          await dialog.getByTestId('bureau-claim-org').click();
          await dialog.getByRole('combobox').fill('智远职业');
          await page.locator('.ant-select-item-option', { hasText: ORG_NAME }).first().click({ timeout: 10_000 });
          await expect.poll(picked, { timeout: 5_000 }).toContain(ORG_NAME);
        } catch {
          /* the next try opens the list again */
        }
      }
      expect(await picked()).toContain(ORG_NAME);
      await page.getByTestId('bureau-claim-submit').click();
      // success closes the dialog (a 3 s toast says so); a refusal stays in it as an error: name it,
      // and say what the dialog shows if it stays open without one
      const outcome = async () => {
        if ((await dialog.count()) === 0) return 'closed';
        const refusal = dialog.locator('.ant-alert-error, .ant-form-item-explain-error');
        if (await refusal.count()) return `refused: ${await refusal.first().innerText()}`;
        const busy = await dialog.locator('.ant-btn-loading').count();
        return `open${busy ? ' (submitting)' : ''}: ${(await dialog.innerText().catch(() => '')).replace(/\s+/g, ' ').slice(0, 200)}`;
      };
      await expect.poll(outcome, { timeout: 60_000 }).toBe('closed');

      // the pairing is active, in the organization's name
      const admin = await apiLogin(server.url, BUREAU, PASSWORD);
      const pairings = await apiCall(server.url, 'GET', `/api/pairings?villageId=${villageId}`, { token: admin });
      expect(pairings.body.items).toHaveLength(1);
      expect(pairings.body.items[0]).toMatchObject({ status: 'active', organizationName: ORG_NAME });

      await page.getByRole('menuitem', { name: '工作台' }).click();
      await page.getByTestId('stat-covered').waitFor();
      await expect.poll(() => page.locator(`[data-testid="uncovered-item"][data-village="${VILLAGE}"]`).count()).toBe(0);
      await expect
        .poll(async () => Number((await page.getByTestId('stat-covered').locator('.ant-statistic-content-value').textContent())?.replace(/\D/g, '')))
        .toBe(coveredBefore + 1);
    });
    await page.context().close();
  }, 150_000);

  it('an organization member writes last week’s report and submits it', async () => {
    const page = await sessionPage(browser, server.url, ORG_MEMBER);
    await page.getByRole('menuitem', { name: '工作周报' }).click();
    const form = page.getByTestId('report-form');
    await form.waitFor();
    await page.getByTestId('report-deadline').waitFor();
    await page.getByTestId('report-summary').fill('走访望川村 3 户，开展电商培训一次');
    await page.getByTestId('report-progress').fill('培训计划完成过半');
    await page.getByTestId('report-results').fill('带动 12 人参加培训，销售苹果 200 斤');
    await page.getByTestId('report-submit').click();
    await page.getByTestId('report-locked').waitFor();
    // issue 16: the week just filed is not counted as missed any more — the ladder's banner goes at once
    // (from Monday to the deadline this week is not yet due, and it ends the run all the same)
    await expect.poll(() => page.locator('[data-testid^="standing-"]').count(), { timeout: 10_000 }).toBe(0);
    const row = page.getByTestId('report-history').getByTestId('report-row').first();
    await row.waitFor();
    expect(['onTime', 'late']).toContain(await row.getByTestId('timeliness').getAttribute('data-state'));

    const token = await apiLogin(server.url, ORG_MEMBER, PASSWORD);
    const mine = await apiCall(server.url, 'GET', '/api/reports', { token });
    const written = mine.body.items.filter((r: { summary: string }) => r.summary === '走访望川村 3 户，开展电商培训一次');
    expect(written).toHaveLength(1);
    expect(written[0]).toMatchObject({ status: 'submitted', organizationName: ORG_NAME, progress: '培训计划完成过半' });
    // a second submission of the same week is refused and the form says so (locked, no submit)
    expect(await page.getByTestId('report-submit').isDisabled()).toBe(true);
    await page.context().close();
  }, 90_000);

  it('the bureau sets the minimum visit team size (rule 4) to 3 on the visits tab; the API then returns 3', async () => {
    const admin = await apiLogin(server.url, BUREAU, PASSWORD);
    expect((await apiCall<{ minVisitTeamSize?: number }>(server.url, 'GET', '/api/settings', { token: admin })).body.minVisitTeamSize ?? 2).toBe(2);
    const page = await sessionPage(browser, server.url, BUREAU);
    await page.goto(`${server.url}/compliance?tab=visits`);
    const field = page.getByTestId('min-visit-team-size');
    await field.waitFor();
    await expect.poll(() => field.inputValue()).toBe('2');
    await field.fill('3');
    await page.getByTestId('min-visit-team-save').click();
    await page.getByText('走访最少人数已改为 3 人').waitFor();
    await expect
      .poll(async () => (await apiCall<{ minVisitTeamSize?: number }>(server.url, 'GET', '/api/settings', { token: admin })).body.minVisitTeamSize)
      .toBe(3);
    // shown again after a reload, read from the server
    await page.reload();
    await expect.poll(() => page.getByTestId('min-visit-team-size').inputValue()).toBe('3');
    await page.context().close();
  }, 90_000);

  it('the bureau posts a need for the village; the paired organization pledges part of it in the browser', async () => {
    const admin = await apiLogin(server.url, BUREAU, PASSWORD);
    const posted = await apiCall<{ id: string }>(server.url, 'POST', '/api/needs', {
      token: admin,
      body: { villageId, category: 'sales', title: '帮销苹果 2000 斤', quantity: 2000, unit: '斤' },
    });
    expect(posted.status).toBe(201);

    const page = await sessionPage(browser, server.url, ORG_MEMBER);
    await page.getByRole('menuitem', { name: '需求对接' }).click();
    // 望川村 is the organization's paired village since the first test: its need is on the first tab
    const card = page.locator('[data-testid="need-card"][data-need="帮销苹果 2000 斤"]');
    await card.waitFor();
    await card.getByTestId('need-pledge').click();
    const dialog = page.getByRole('dialog');
    // wait for the modal to finish opening before choosing "part": on a loaded machine the
    // choice could land before the form was mounted and be lost; choose again until it shows
    await page.getByTestId('need-pledge-note').waitFor();
    const quantity = dialog.getByLabel('认领数量');
    for (let attempt = 0; attempt < 5 && !(await quantity.isVisible()); attempt++) {
      await dialog.getByText('认领部分').click();
      await quantity.waitFor({ timeout: 3_000 }).catch(() => undefined);
    }
    await quantity.fill('500');
    await page.getByTestId('need-pledge-note').fill('组织会员单位采购 500 斤');
    await page.getByTestId('need-pledge-submit').click();
    await card.getByText(`${ORG_NAME}`).waitFor();
    await card.getByText('已认领 500 / 2000 斤').waitFor();
    expect(await card.getByTestId('need-status').textContent()).toBe('已认领');

    const need = await apiCall(server.url, 'GET', `/api/needs/${posted.body.id}`, { token: admin });
    expect(need.body).toMatchObject({ status: 'pledged', pledgedQuantity: 500, pledges: [{ organizationName: ORG_NAME, quantity: 500 }] });
    await page.context().close();
  }, 90_000);

  it('the bureau exports the month’s ledger in the browser: a workbook with the Chinese file name', async () => {
    // a short laptop screen: the menu's last items lie below it, and the menu scrolls inside the sider to reach them
    const page = await sessionPage(browser, server.url, BUREAU, { width: 1280, height: 640 });
    // as a user would: the wheel over the menu brings its last items onto the screen
    const item = page.getByRole('menuitem', { name: '台账导出与导入' });
    // on the whole dashboard, a page far taller than the screen
    await page.getByTestId('dashboard-campaigns').waitFor();
    await page.waitForLoadState('networkidle');
    expect(await page.evaluate(() => document.documentElement.scrollHeight)).toBeGreaterThan(1200);
    await page.mouse.move(100, 400);
    await page.mouse.wheel(0, 2000);
    await expect.poll(async () => ((await item.boundingBox())?.y ?? 9999) + 40).toBeLessThanOrEqual(640);
    await item.click();
    await page.getByTestId('export-panel').waitFor();
    const month = (await page.locator('input[data-testid="export-month"], [data-testid="export-month"] input').first().inputValue()).trim();
    expect(month).toMatch(/^\d{4}-\d{2}$/);
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-button').click()]);
    expect(download.suggestedFilename()).toBe(`工作台帐-${month}.xlsx`);
    await page.locator('[data-testid="export-progress"][data-state="done"]').waitFor();
    const file = await download.path();
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(file);
    expect(workbook.worksheets.length).toBeGreaterThanOrEqual(6);
    await page.context().close();
  }, 90_000);

  it.runIf(!!process.env.SHOTS_DIR)(
    'photographs the cockpit screens',
    async () => {
      const admin = await apiLogin(server.url, BUREAU, PASSWORD);
      await apiCall(server.url, 'POST', '/api/needs', {
        token: admin,
        body: { villageId, category: 'sales', title: '帮销核桃 2000 斤', quantity: 2000, unit: '斤', description: '今年核桃丰收，需要拓展销路' },
      });
      // the organization's commitment for the year (rule 9), so its portal shows progress
      const member = await apiLogin(server.url, ORG_MEMBER, PASSWORD);
      await apiCall(server.url, 'PUT', '/api/commitments', { token: member, body: { year: new Date().getUTCFullYear(), amountFen: 5_000_000 } });
      // another uncovered supervised village, so the dashboard leads with one
      await apiCall(server.url, 'POST', '/api/villages', {
        token: admin,
        body: {
          name: '石门村',
          township: '远门镇',
          county: '清水县',
          households: 150,
          population: 610,
          poorHouseholds: 22,
          status: 'unlifted',
          supervised: true,
          needs: ['education'],
        },
      });
      // a few months of money, so the charts have bars to draw
      const today = new Date();
      for (const [monthsBack, kind, yuan] of [
        [0, 'cash', 12000],
        [1, 'cash', 30000],
        [1, 'goods', 8000],
        [3, 'cash', 18000],
        [5, 'goods', 5000],
      ] as const) {
        const d = new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth() - monthsBack, 10)).toISOString().slice(0, 10);
        await apiCall(server.url, 'POST', '/api/donations', {
          token: admin,
          body: {
            villageId,
            kind,
            amountFen: yuan * 100,
            donorName: '清水县爱心企业',
            donorType: 'organization',
            date: d,
            ...(kind === 'goods' ? { description: '冬衣和图书' } : {}),
          },
        });
      }
      await screenshots(browser, server.url, BUREAU, [
        { name: 'dashboard', path: '/', ready: '[data-testid="flags"]' },
        { name: 'compliance-grid', path: '/compliance', ready: '.ant-table, .ant-empty' },
        { name: 'compliance-week', path: '/compliance?tab=week', ready: '[data-testid="compliance-counts"], .ant-result' },
        { name: 'visits', path: '/compliance?tab=visits', ready: '.ant-table, .ant-result' },
        { name: 'needs-bureau', path: '/needs', ready: '[data-testid="needs-summary"]' },
        { name: 'data-export', path: '/data', ready: '[data-testid="export-panel"]' },
        { name: 'data-import', path: '/data?tab=villages', ready: '[data-testid="import-villages"]' },
        { name: 'bureau-claim', path: `/pairings?claimVillage=${villageId}`, ready: '[data-testid="bureau-claim-submit"]' },
      ]);
      // the export after a download, and an import refused for its broken rows
      const dir = process.env.SHOTS_DIR as string;
      for (const [label, viewport] of [
        ['desktop', DESKTOP],
        ['phone', PHONE],
      ] as const) {
        const page = await sessionPage(browser, server.url, BUREAU, viewport);
        await page.goto(`${server.url}/compliance`);
        await page.locator('[data-testid="grid-cell"][data-state="onTime"]').first().click();
        await page.getByTestId('report-body').waitFor();
        await page.waitForTimeout(400);
        await page.screenshot({ path: `${dir}/compliance-report-${label}.png` });
        await page.goto(`${server.url}/data`);
        await page.getByTestId('export-button').click();
        await page.locator('[data-testid="export-progress"][data-state="done"], [data-testid="export-error"]').first().waitFor();
        await page.screenshot({ path: `${dir}/data-exported-${label}.png`, fullPage: true });
        await page.goto(`${server.url}/data?tab=villages`);
        const csv = '村名,乡镇,县,户数,人口,建档立卡户数,状态,挂牌督战\n新庄村,远门镇,清水县,120,500,12,未出列,是\n,远门镇,清水县,abc,500,12,未出列,也许\n';
        await page
          .locator('[data-testid="import-villages"] input[type=file]')
          .setInputFiles({ name: '村庄.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
        await page.locator('[data-testid="import-errors"], [data-testid="import-error"], [data-testid="import-ok"]').first().waitFor();
        await page.screenshot({ path: `${dir}/data-import-errors-${label}.png`, fullPage: true });
        await page.context().close();
      }
      await screenshots(browser, server.url, ORG_MEMBER, [
        { name: 'reports', path: '/reports', ready: '[data-testid="report-history"]' },
        { name: 'needs-org', path: '/needs?tab=other', ready: '.ant-tabs' },
        { name: 'my-commitment', path: '/my-commitment', ready: '[data-testid="my-commitment"], .ant-result' },
      ]);
    },
    240_000,
  );
});
