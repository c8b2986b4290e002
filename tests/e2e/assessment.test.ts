import ExcelJS from 'exceljs';
import { readFile } from 'node:fs/promises';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from './support/browser';
import { startServer, type RunningServer } from './support/server';
import { sessionPage, traceOf } from './support/shots';
import { traced } from './support/trace';

/**
 * 考核 through the real server and Debian's Chromium, on the Anhua demo's 30-point scheme (seed
 * 002): the bureau opens this year's mid-year evaluation, scores one manual criterion with a
 * reason and exports the sheet; the organization then sees its scorecard and where it loses points.
 */
const BUREAU = 'admin@anhua.demo';
const MEMBER = 'org1@anhua.demo'; // 政协安化县委员会机关
const ORG = '政协安化县委员会机关';

let server: RunningServer;
let browser: Browser;

describe('the bureau runs a mid-year assessment and the organization sees its scorecard', () => {
  beforeAll(async () => {
    [server, browser] = await Promise.all([startServer(), launchChromium()]);
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  }, 30_000);

  it('the bureau scores a manual criterion with a reason and exports the sheet', async () => {
    const page = await sessionPage(browser, server.url, BUREAU);
    await traced(traceOf(page), async () => {
      await page.goto(`${server.url}/assessments`);
      await page.getByTestId('assessment-period').click();
      await page.locator('.ant-select-item-option', { hasText: '年中评估' }).click();
      const row = page.locator('.ant-table-row', { hasText: ORG });
      await row.waitFor();
      await row.click(); // opens the scorecard's details
      const scoreButton = page.locator('[data-testid$="-effect"]').first();
      await scoreButton.click();
      const dialog = page.getByRole('dialog');
      await dialog.getByTestId('score-points').waitFor();
      await dialog.getByTestId('score-points').fill('5.5');
      await dialog.getByTestId('score-reason').fill('走访群众 30 户，满意度 92%');
      const saved = page.waitForResponse((r) => r.request().method() === 'PATCH' && r.url().includes('/api/assessments/'));
      await dialog.getByRole('button', { name: /保\s*存/ }).click();
      expect((await saved).status()).toBe(200);
      // the reason shows in the table (the closing dialog may still hold it in its textarea for a moment)
      await page.getByTestId('assessment-table').getByText('走访群众 30 户，满意度 92%').waitFor();
      await dialog.waitFor({ state: 'hidden' });
      await expect.poll(async () => (await row.innerText()).includes('5.5')).toBe(true);

      const download = page.waitForEvent('download');
      await page.getByTestId('assessment-export').click();
      const file = await (await download).path();
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load((await readFile(file)).buffer as ArrayBuffer);
      const sheet = wb.getWorksheet('考核结果')!;
      const values = sheet.getSheetValues().find((r) => Array.isArray(r) && r[2] === ORG) as unknown[];
      expect(values).toBeDefined();
      expect(values).toContain(5.5);
      const reasons = wb
        .getWorksheet('评分依据')!
        .getSheetValues()
        .filter((r) => Array.isArray(r) && r[1] === ORG) as unknown[][];
      expect(reasons.some((r) => r.includes('走访群众 30 户，满意度 92%'))).toBe(true);
    });
  }, 90_000);

  it('the organization sees its own scorecard, the score and its reason, and no other organization', async () => {
    const page = await sessionPage(browser, server.url, MEMBER);
    await traced(traceOf(page), async () => {
      await page.goto(`${server.url}/assessments`);
      await page.getByTestId('assessment-period').click();
      await page.locator('.ant-select-item-option', { hasText: '年中评估' }).click();
      await page.getByText('走访群众 30 户，满意度 92%').waitFor();
      await page.getByText(/本组织得分 [\d.]+ \/ 30 分，排名第 \d+/).waitFor();
      const table = await page.getByTestId('assessment-table').innerText();
      expect(table).toContain(ORG);
      for (const other of ['安化县经济促进会第一分会', '安化县工商联茶业商会']) expect(table).not.toContain(other);
      // where it loses points is spelled out
      await page
        .getByText(/失 [\d.]+ 分/)
        .first()
        .waitFor();
    });
  }, 90_000);
});
