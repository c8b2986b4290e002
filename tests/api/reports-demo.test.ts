import { beforeAll, describe, expect, it } from 'vitest';
import { loadDemoData } from '../../functions/demo/load.js';
import { makeHarness, type Harness } from '../support/harness.js';

// The demo's reporting history (functions/demo/reports.ts): Qingshui's last six weeks mostly on
// time, some late, a few missing — one organization warned, none blocked — and a quarter with
// both visited and flagged pairings.

let h: Harness;
let bureau: string;

beforeAll(async () => {
  h = await makeHarness();
  await loadDemoData(h.deps.doc, h.deps.tableName);
  bureau = await h.login('admin@qingshui.demo');
}, 240_000);

describe('the Qingshui demo', () => {
  it('the latest due week has on-time, late and missing reports; one organization is warned, none blocked', async () => {
    const c = await h.get(bureau, '/api/reports/compliance');
    expect(c.due).toBe(true);
    expect(c.counts.onTime).toBeGreaterThan(5);
    expect(c.counts.late).toBeGreaterThan(0);
    expect(c.counts.missing).toBe(2);
    const streaks = c.items.map((i: any) => i.missedStreak).sort();
    expect(streaks.filter((s: number) => s >= 4)).toEqual([]);
    expect(streaks.filter((s: number) => s >= 2)).toEqual([2]);
    const grid = await h.get(bureau, '/api/reports/compliance/grid?weeks=6');
    expect(grid.rows.length).toBe(c.items.length);
  });

  it('this quarter has visited and flagged pairings, and a member sees its standing', async () => {
    const v = await h.get(bureau, '/api/visits');
    expect(v.flagged).toBeGreaterThan(0);
    expect(v.items.some((i: any) => !i.flagged)).toBe(true);
    const member = await h.login('org1@qingshui.demo');
    expect((await h.get(member, '/api/reports/standing')).level).toMatch(/ok|flagged|warned/);
    expect((await h.get(member, '/api/reports')).items.length).toBeGreaterThan(0);
  });
});
