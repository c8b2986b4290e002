import { describe, expect, it } from 'vitest';
import { loadDemoNeeds } from '../../functions/demo/needs.js';
import { TenantStore } from '../../functions/store/tenant-store.js';
import { makeHarness } from '../support/harness.js';

// functions/demo/needs.ts: the demo's needs go through the service (counters, audit) and cover
// every status, one pledged in part and one met with evidence.
describe('the demo needs', () => {
  it('open, pledged in part, met with evidence, withdrawn; the summary agrees', async () => {
    const h = await makeHarness();
    const t = await h.tenant();
    for (let i = 0; i < 3; i++) await h.activePairing(t);
    await loadDemoNeeds({
      store: new TenantStore(h.deps.doc, h.deps.tableName, t.id),
      caller: { userId: 'system', email: 'system@bangfu.local', role: 'bureau_admin', tenantId: t.id },
      now: new Date(),
    });
    const needs = (await h.get(t.bureau, '/api/needs')).items as any[];
    expect(needs.map((n) => n.status).sort()).toEqual(['met', 'open', 'open', 'pledged', 'withdrawn']);
    const partial = needs.find((n) => n.status === 'pledged');
    expect(partial.pledgedQuantity).toBeLessThan(partial.quantity);
    expect(needs.find((n) => n.status === 'met').fulfilment.evidenceUrl).toMatch(/^https:/);
    const summary = (await h.get(t.bureau, '/api/needs/summary')).items as any[];
    expect(summary.reduce((s, v) => s + v.open, 0)).toBe(2);
    expect(summary.reduce((s, v) => s + v.pledged, 0)).toBe(1);
  });
});
