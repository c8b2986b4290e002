import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from './support/browser';
import { apiCall, apiLogin, startServer, type RunningServer } from './support/server';
import { PASSWORD, sessionPage, traceOf } from './support/shots';
import { traced } from './support/trace';

/**
 * The whole claim → approve loop through the real server and Debian's Chromium: an organization
 * claims an uncovered supervised village in the browser, the bureau sees it uncovered, approves
 * the claim in the pairings screen, and the village leaves the uncovered list (rule 1).
 */
const ORG_MEMBER = 'org1@qingshui.demo'; // 清水县智远职业技能培训学校: 1 active pairing of the limit 3
const BUREAU = 'admin@qingshui.demo';
const VILLAGE = '望川村';

let server: RunningServer;
let browser: Browser;
let villageId: string;

describe('an organization claims an uncovered supervised village and the bureau approves it', () => {
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
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  }, 30_000);

  it('the organization member claims the village in the browser, pledging money in yuan', async () => {
    const page = await sessionPage(browser, server.url, ORG_MEMBER);
    await traced(traceOf(page), async () => {
      await expect.poll(() => new URL(page.url()).pathname).toBe('/claim');

      const card = page.locator(`[data-testid="claim-village"][data-village="${VILLAGE}"]`);
      await card.getByTestId('claim-button').click();
      const dialog = page.getByRole('dialog');
      await dialog.getByText(`认领结对 · ${VILLAGE}`).waitFor();
      await dialog.getByLabel('承诺资金（元）').fill('1234.5');
      await page.getByTestId('claim-submit').click();

      await card.getByTestId('claim-state').waitFor();
      expect(await card.getByTestId('claim-state').textContent()).toContain('待审核');

      // the yuan typed became integer fen in the claim
      const token = await apiLogin(server.url, ORG_MEMBER, PASSWORD);
      const mine = await apiCall(server.url, 'GET', `/api/pairings?villageId=${villageId}`, { token });
      expect(mine.body.items).toHaveLength(1);
      expect(mine.body.items[0]).toMatchObject({ status: 'pending', commitment: { moneyFen: 123450 } });
    });
    await page.context().close();
  }, 60_000);

  it('the bureau sees the village uncovered, approves the claim, and the village leaves the uncovered list', async () => {
    const page = await sessionPage(browser, server.url, BUREAU);
    await traced(traceOf(page), async () => {
      const uncovered = page.getByTestId('uncovered-list');
      await uncovered.getByText(VILLAGE).waitFor();

      await page.getByRole('menuitem', { name: '结对审核' }).click();
      // the filtered list must have arrived before a row is picked: on a loaded machine the click on
      // 通过 could otherwise land on the unfiltered list's row just before the table re-renders
      const filtered = page.waitForResponse((r) => r.url().includes('/api/pairings?') && r.url().includes('status=pending'));
      await page.getByTestId('status-filter').getByText('待审核').click();
      await filtered;
      const row = page.locator(`tr[data-village="${VILLAGE}"]`);
      await row.getByTestId('pairing-approve').click();
      await page.getByTestId('pairing-action-date').waitFor(); // the dialog's form is mounted
      // watch for the 3 s toast from before the click, so a slow machine cannot miss it
      const toast = page.getByText(`已通过，${VILLAGE} 的结对已生效`).waitFor();
      toast.catch(() => undefined); // awaited below; never an unhandled rejection if the click throws first
      await page.getByTestId('pairing-action-confirm').click();
      await toast;
      await row.waitFor({ state: 'detached' }); // it left the pending list

      await page.getByRole('menuitem', { name: '工作台' }).click();
      await page.getByTestId('stat-covered').waitFor();
      await expect.poll(() => page.getByTestId('uncovered-item').filter({ hasText: VILLAGE }).count()).toBe(0);
    });
    await page.context().close();
  }, 60_000);
});
