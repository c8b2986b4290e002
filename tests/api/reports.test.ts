import { beforeAll, describe, expect, it } from 'vitest';
import { makeHarness, PNG_1x1, type Harness, type TestTenant } from '../support/harness.js';

// Rule 3, weekly reports: an organization with an active pairing reports a Monday-starting week,
// once (a draft may be saved again and submitted); on time by the tenant's deadline, late after it.

let h: Harness;
let t: TestTenant;
let org: { id: string; member: string };

// Wednesday 2026-06-17 12:00 in Shanghai: the week of 06-15 is running, 06-08 was due 06-16 18:00.
const NOW = new Date('2026-06-17T04:00:00Z');

beforeAll(async () => {
  h = await makeHarness({ now: NOW });
  t = await h.tenant();
  org = await h.organization(t, { name: '清水培训学校' });
  await h.activePairing(t, { orgId: org.id, startDate: '2026-01-01' });
});

const body = (weekStart: string, extra: Record<string, unknown> = {}) => ({
  weekStart,
  summary: '走访了两户建档立卡户',
  progress: '完成技能培训报名',
  results: '12 人报名电商培训',
  ...extra,
});
const file = (token: string, weekStart: string, extra: Record<string, unknown> = {}) => h.call('POST', '/api/reports', { token, body: body(weekStart, extra) });

async function uploadReportPhoto(token: string, reportId: string, bytes: Uint8Array, type = 'image/png') {
  const form = new FormData();
  form.append('file', new File([bytes as Uint8Array<ArrayBuffer>], 'p.png', { type }));
  const res = await h.app.request(`/api/reports/${reportId}/photos`, { method: 'POST', headers: { authorization: `Bearer ${token}` }, body: form });
  return { status: res.status, body: await res.json() };
}

describe('filing a report', () => {
  it('a member files its organization’s report for the running week: on time, with the deadline, audited', async () => {
    const res = await file(org.member, '2026-06-15');
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      organizationId: org.id,
      organizationName: '清水培训学校',
      weekStart: '2026-06-15',
      status: 'submitted',
      deadline: '2026-06-23T10:00:00.000Z',
      submittedAt: NOW.toISOString(),
      timeliness: 'onTime',
      photos: [],
    });
    expect(await h.get(org.member, `/api/reports/${res.body.id}`)).toEqual(res.body);
    const trail = await h.audit(t, 'report', res.body.id);
    expect(trail.map((e) => e.action)).toEqual(['submit']);
  });

  it('a report filed after the deadline is late', async () => {
    const res = await file(org.member, '2026-06-08');
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ deadline: '2026-06-16T10:00:00.000Z', timeliness: 'late' });
  });

  it('the deadline minute: at 18:00:00 Shanghai it is on time, a millisecond later it is late', async () => {
    const a = await h.organization(t);
    const b = await h.organization(t);
    await h.activePairing(t, { orgId: a.id, startDate: '2026-01-01' });
    await h.activePairing(t, { orgId: b.id, startDate: '2026-01-01' });
    try {
      h.clock.now = new Date('2026-06-09T10:00:00.000Z');
      expect((await file(a.member, '2026-06-01')).body.timeliness).toBe('onTime');
      h.clock.now = new Date('2026-06-09T10:00:00.001Z');
      expect((await file(b.member, '2026-06-01')).body.timeliness).toBe('late');
    } finally {
      h.clock.now = NOW;
    }
  });

  it('a second report for the same week is a 409 and the first stays as it was', async () => {
    const first = (await h.get(org.member, `/api/reports?weekStart=2026-06-08`)).items[0];
    const res = await file(org.member, '2026-06-08', { summary: '改写' });
    expect(res.status).toBe(409);
    expect(res.body.error.details).toMatchObject({ reason: 'duplicate_report', reportId: first.id });
    expect((await h.get(org.member, `/api/reports/${first.id}`)).summary).toBe('走访了两户建档立卡户');
  });

  it('a draft is saved, saved again and submitted under one id; after that a POST is a 409', async () => {
    const week = '2026-05-25';
    const draft = await file(org.member, week, { status: 'draft', summary: '初稿' });
    expect(draft.status).toBe(201);
    expect(draft.body).toMatchObject({ status: 'draft', submittedAt: null, timeliness: null });
    const again = await file(org.member, week, { status: 'draft', summary: '二稿' });
    expect(again.status).toBe(201);
    expect(again.body).toMatchObject({ id: draft.body.id, status: 'draft', summary: '二稿' });
    const compliance = await h.get(t.bureau, `/api/reports/compliance?weekStart=${week}`);
    expect(compliance.items.find((i: any) => i.organizationId === org.id)).toMatchObject({ status: 'missing', reportId: draft.body.id, submittedAt: null });
    const submitted = await file(org.member, week, { summary: '定稿' });
    expect(submitted.status).toBe(201);
    expect(submitted.body).toMatchObject({
      id: draft.body.id,
      status: 'submitted',
      summary: '定稿',
      submittedAt: NOW.toISOString(),
      timeliness: 'late',
      createdAt: draft.body.createdAt,
    });
    expect((await file(org.member, week, { summary: '再改' })).status).toBe(409);
    expect(await h.ids(org.member, `/api/reports?weekStart=${week}`)).toEqual([draft.body.id]);
    expect((await h.audit(t, 'report', draft.body.id)).map((e) => e.action)).toEqual(['draft', 'update_draft', 'submit']);
  });
});

describe('a tenant’s own deadline', () => {
  it('Friday 17:30 in Asia/Shanghai: the week’s deadline is the Friday after it', async () => {
    const own = await h.tenant({ reportDeadline: { weekday: 5, time: '17:30' } });
    const o = await h.organization(own);
    await h.activePairing(own, { orgId: o.id, startDate: '2026-01-01' });
    const res = await file(o.member, '2026-06-08');
    expect(res.body).toMatchObject({ deadline: '2026-06-19T09:30:00.000Z', timeliness: 'onTime' });
  });
});

describe('bad input', () => {
  it('a week start that is not a Monday is a 400 on weekStart', async () => {
    const res = await file(org.member, '2026-06-09');
    expect(res.status).toBe(400);
    expect(res.body.error.details[0].path).toBe('weekStart');
  });

  it('a week that has not started in the tenant’s zone is a 400 on weekStart', async () => {
    const res = await file(org.member, '2026-06-22');
    expect(res.status).toBe(400);
    expect(res.body.error.details[0].path).toBe('weekStart');
    // Sunday 23:30 in Shanghai is already Monday's week there, though still Sunday in UTC
    try {
      h.clock.now = new Date('2026-06-21T15:59:00Z');
      expect((await file(org.member, '2026-06-22')).status).toBe(400);
      h.clock.now = new Date('2026-06-21T16:01:00Z');
      expect((await file(org.member, '2026-06-22')).status).toBe(201);
    } finally {
      h.clock.now = NOW;
    }
  });

  it('a week without an active pairing is a 409 no_active_pairing: before the start, after the end, or none at all', async () => {
    const late = await h.organization(t);
    await h.activePairing(t, { orgId: late.id, startDate: '2026-06-14' }); // a Sunday: that week counts
    expect((await file(late.member, '2026-06-08')).status).toBe(201);
    const res = await file(late.member, '2026-06-01');
    expect(res.status).toBe(409);
    expect(res.body.error.details).toEqual({ reason: 'no_active_pairing' });

    const ended = await h.organization(t);
    const p = await h.activePairing(t, { orgId: ended.id, startDate: '2026-01-01' });
    await h.endPairing(t, p.id, '2026-06-01'); // a Monday: that week still counts
    expect((await file(ended.member, '2026-06-01')).status).toBe(201);
    expect((await file(ended.member, '2026-06-08')).body.error.details).toEqual({ reason: 'no_active_pairing' });

    const none = await h.organization(t);
    expect((await file(none.member, '2026-06-08')).status).toBe(409);
    const claimed = await h.organization(t);
    await h.pendingPairing(t, { orgId: claimed.id });
    expect((await file(claimed.member, '2026-06-08')).body.error.details).toEqual({ reason: 'no_active_pairing' });
  });

  it('the bureau must name the organization (400); a member naming another organization is a 403', async () => {
    const res = await file(t.bureau, '2026-06-15');
    expect(res.status).toBe(400);
    expect(res.body.error.details[0].path).toBe('organizationId');
    const other = await h.organization(t);
    await h.activePairing(t, { orgId: other.id, startDate: '2026-01-01' });
    expect((await file(org.member, '2026-06-01', { organizationId: other.id })).status).toBe(403);
    expect(await h.ids(t.bureau, `/api/reports?organizationId=${other.id}`)).toEqual([]);
    const byBureau = await file(t.bureau, '2026-06-01', { organizationId: other.id });
    expect(byBureau.status).toBe(201);
    expect(byBureau.body.organizationId).toBe(other.id);
  });

  it('an organization that is not approved (suspended) cannot report; an unknown one is a 400', async () => {
    const s = await h.organization(t);
    await h.activePairing(t, { orgId: s.id, startDate: '2026-01-01' });
    expect((await h.call('POST', `/api/organizations/${s.id}/suspend`, { token: t.bureau, body: {} })).status).toBe(200);
    expect((await file(t.bureau, '2026-06-08', { organizationId: s.id })).status).toBe(409);
    expect((await file(t.bureau, '2026-06-08', { organizationId: 'org_nope' })).status).toBe(400);
  });

  it('a list filter that is not a Monday is a 400', async () => {
    const res = await h.call('GET', '/api/reports?weekStart=2026-06-10', { token: t.bureau });
    expect(res.status).toBe(400);
    expect(res.body.error.details[0].path).toBe('query.weekStart');
  });

  it('empty texts and an unknown status are 400s', async () => {
    expect((await file(org.member, '2026-05-18', { summary: '' })).status).toBe(400);
    expect((await file(org.member, '2026-05-18', { status: 'final' })).status).toBe(400);
    expect((await h.call('POST', '/api/reports', { token: org.member, body: { weekStart: '2026-05-18' } })).status).toBe(400);
  });
});

describe('who sees what', () => {
  it('a member lists and reads only its own organization’s reports; another’s is not found', async () => {
    const other = await h.organization(t);
    await h.activePairing(t, { orgId: other.id, startDate: '2026-01-01' });
    const theirs = (await file(other.member, '2026-05-11')).body;
    const mine = await h.get(org.member, '/api/reports');
    expect(mine.items.length).toBeGreaterThan(0);
    expect(mine.items.every((r: any) => r.organizationId === org.id)).toBe(true);
    expect((await h.call('GET', `/api/reports/${theirs.id}`, { token: org.member })).status).toBe(404);
    expect((await h.get(org.member, `/api/reports?organizationId=${other.id}`)).items).toEqual([]);
    expect((await h.get(t.bureau, `/api/reports?organizationId=${other.id}`)).items.map((r: any) => r.id)).toEqual([theirs.id]);
    expect((await h.call('GET', `/api/reports/compliance`, { token: org.member })).status).toBe(403);
  });

  it('another tenant’s report id is not found, for its bureau and its members', async () => {
    const mine = (await h.get(org.member, '/api/reports')).items[0];
    const other = await h.tenant();
    const o = await h.organization(other);
    expect((await h.call('GET', `/api/reports/${mine.id}`, { token: other.bureau })).status).toBe(404);
    expect((await h.call('GET', `/api/reports/${mine.id}`, { token: o.member })).status).toBe(404);
    expect((await h.get(other.bureau, '/api/reports')).items).toEqual([]);
    expect((await uploadReportPhoto(other.bureau, mine.id, PNG_1x1)).status).toBe(404);
  });
});

describe('photos', () => {
  it('a real image is attached (at most 9) and served to the organization and the bureau only', async () => {
    const week = '2026-05-04';
    const r = (await file(org.member, week)).body;
    const up = await uploadReportPhoto(org.member, r.id, PNG_1x1);
    expect(up.status).toBe(201);
    expect(up.body.url).toBe(`/api/reports/${r.id}/photos/${up.body.photoId}`);
    expect((await h.get(t.bureau, `/api/reports/${r.id}`)).photos).toEqual([up.body.photoId]);
    const served = await h.app.request(up.body.url, { headers: { authorization: `Bearer ${org.member}` } });
    expect(served.status).toBe(200);
    expect(served.headers.get('content-type')).toBe('image/png');
    expect(new Uint8Array(await served.arrayBuffer())).toEqual(PNG_1x1);
    const other = await h.organization(t);
    expect((await h.call('GET', up.body.url, { token: other.member })).status).toBe(404);
    expect((await uploadReportPhoto(other.member, r.id, PNG_1x1)).status).toBe(404);
    expect((await uploadReportPhoto(org.member, r.id, new TextEncoder().encode('not an image'), 'image/png')).status).toBe(400);
    for (let i = 1; i < 9; i++) expect((await uploadReportPhoto(org.member, r.id, PNG_1x1)).status).toBe(201);
    const tenth = await uploadReportPhoto(t.bureau, r.id, PNG_1x1);
    expect(tenth.status).toBe(409);
    expect(tenth.body.error.details.reason).toBe('too_many_photos');
    expect((await h.get(t.bureau, `/api/reports/${r.id}`)).photos).toHaveLength(9);
  });
});
