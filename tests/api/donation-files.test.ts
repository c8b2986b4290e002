import { beforeAll, describe, expect, it } from 'vitest';
import { makeHarness, PNG_1x1, type Harness, type TestTenant } from '../support/harness.js';

// Vouchers (凭证) of offline donations and evidence of expenditures: real images or PDFs, private
// (the bureau; a voucher also to the donating organization's members), never on a public surface.

let h: Harness;
let t: TestTenant;
let villageId: string;

beforeAll(async () => {
  h = await makeHarness({ now: new Date('2026-06-15T04:00:00Z') });
  t = await h.tenant();
  villageId = await h.village(t);
});

async function upload(token: string, url: string, bytes: Uint8Array, type: string) {
  const form = new FormData();
  form.append('file', new File([bytes as Uint8Array<ArrayBuffer>], 'v', { type }));
  const res = await h.app.request(url, { method: 'POST', headers: { authorization: `Bearer ${token}` }, body: form });
  return { status: res.status, body: await res.json() };
}

const PDF = Uint8Array.from(Buffer.from('%PDF-1.4\n%âãÏÓ\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF'));

describe('voucher and evidence files', () => {
  it('attach and read back; a non-image non-PDF is a 400; evidence is the bureau’s only', async () => {
    const org = await h.organization(t);
    const d = (
      await h.call('POST', '/api/donations', {
        token: org.member,
        body: { villageId, kind: 'cash', amountFen: 50_000, donorName: '本单位', donorType: 'organization' },
      })
    ).body;
    expect((await upload(org.member, `/api/donations/${d.id}/voucher`, PDF, 'application/pdf')).status).toBe(201);
    const v = await h.app.request(`/api/donations/${d.id}/voucher`, { headers: { authorization: `Bearer ${t.bureau}` } });
    expect(v.status).toBe(200);
    expect(v.headers.get('content-type')).toBe('application/pdf');
    expect((await h.get(t.bureau, `/api/donations/${d.id}`)).voucherFileId).toEqual(expect.any(String));
    expect((await upload(t.bureau, `/api/donations/${d.id}/voucher`, Uint8Array.from(Buffer.from('hello')), 'text/plain')).status).toBe(400);
    // a member's donation counts once the bureau confirms it (issue 15): the village then has cash to spend
    expect((await h.call('POST', `/api/donations/${d.id}/confirm`, { token: t.bureau })).status).toBe(200);

    const e = (
      await h.call('POST', '/api/expenditures', {
        token: t.bureau,
        body: { villageId, amountFen: 1_000, purpose: '修路', date: '2026-06-10', evidenceUrl: 'https://example.cn/e/1' },
      })
    ).body;
    expect((await upload(t.bureau, `/api/expenditures/${e.id}/evidence`, PNG_1x1, 'image/png')).status).toBe(201);
    expect((await h.app.request(`/api/expenditures/${e.id}/evidence`, { headers: { authorization: `Bearer ${t.bureau}` } })).headers.get('content-type')).toBe(
      'image/png',
    );
    expect((await h.app.request(`/api/expenditures/${e.id}/evidence`, { headers: { authorization: `Bearer ${org.member}` } })).status).toBe(403);
    const page = JSON.stringify((await h.call('GET', `/api/public/${t.slug}/villages/${villageId}/transparency`)).body);
    expect(page).not.toContain('example.cn/e/1');
    expect(page).not.toContain('evd_');
  });
});
