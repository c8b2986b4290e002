import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeHarness, type Harness, type TestTenant } from '../support/harness.js';
import type { OutboxEvent } from '../../functions/modules/outbox/outbox.js';
import { outboxKey } from '../../functions/modules/outbox/store.js';
import { TenantStore } from '../../functions/store/tenant-store.js';

// Notifications (issue 14): written in the transaction of the change, delivered by the worker to the
// bell and to email (the local SMTP sink), each at most once per recipient.

let h: Harness;
let t: TestTenant;
let other: TestTenant;
let bureauEmail: string;

beforeAll(async () => {
  h = await makeHarness({ now: new Date('2026-06-15T04:00:00Z') });
  [t, other] = [await h.tenant(), await h.tenant()];
  bureauEmail = (await h.get(t.bureau, '/api/me')).email;
});
afterAll(() => h.stopMail());

const bell = (token: string, q = '') => h.get(token, `/api/notifications${q}`);
const emailOf = async (token: string) => (await h.get(token, '/api/me')).email as string;
const outbox = (tenantId: string) => {
  const store = new TenantStore(h.deps.doc, h.deps.tableName, tenantId);
  return store.queryAll<OutboxEvent>({ pk: store.pk('OUTBOX') });
};

describe('a pairing claimed, approved, rejected and ended', () => {
  it('tells the bureau of the claim and the organization of the decision, on the bell and by email, once', async () => {
    const org = await h.organization(t, { name: '清泉公司' });
    const villageId = await h.village(t, { name: '上坪村' });
    const claim = await h.call('POST', '/api/pairings', { token: org.member, body: { villageId } });
    expect(claim.status).toBe(201);
    // written with the claim, not yet delivered
    expect((await outbox(t.id)).map((e) => e.kind)).toContain('pairing_claimed');
    expect((await bell(t.bureau)).items).toHaveLength(0);

    const r = await h.deliver();
    expect(r.failed).toBe(0);
    expect(await outbox(t.id)).toHaveLength(0);
    const b = await bell(t.bureau);
    expect(b.unread).toBe(1);
    expect(b.items[0]).toMatchObject({ kind: 'pairing_claimed', title: '新的结对认领：清泉公司 → 上坪村', link: '/pairings' });
    const mails = await h.mail(bureauEmail);
    expect(mails).toHaveLength(1);
    expect(mails[0].subject).toBe('新的结对认领：清泉公司 → 上坪村');
    expect(mails[0].idempotencyKey).toContain(b.items[0].id);

    // a second run finds nothing to do
    expect((await h.deliver()).delivered).toBe(0);
    expect(await h.mail(bureauEmail)).toHaveLength(1);

    const approve = await h.call('POST', `/api/pairings/${claim.body.id}/approve`, { token: t.bureau, body: {} });
    expect(approve.status).toBe(200);
    await h.deliver();
    const mine = await bell(org.member);
    expect(mine.items.map((n: { kind: string }) => n.kind)).toEqual(['pairing_approved']);
    expect(mine.items[0].body).toContain('上坪村');
    expect(await h.mail(await emailOf(org.member))).toHaveLength(1);
    // the other tenant's bureau heard nothing
    expect((await bell(other.bureau)).items).toHaveLength(0);
  });

  it('a redelivery (a crash after sending, before the outbox item went) shows and sends nothing twice', async () => {
    const p = await h.pendingPairing(t);
    const [ev] = (await outbox(t.id)).filter((e) => e.kind === 'pairing_claimed');
    expect(ev).toBeDefined();
    const before = (await bell(t.bureau)).unread;
    await h.deliver();
    expect((await bell(t.bureau)).unread).toBe(before + 1);
    const sent = (await h.mail(bureauEmail)).length;
    // the crash: the item is back as it was before delivery
    const store = new TenantStore(h.deps.doc, h.deps.tableName, t.id);
    await store.put({ ...outboxKey(store, ev.id), ...ev });
    expect((await h.deliver()).delivered).toBe(1);
    expect((await bell(t.bureau)).unread).toBe(before + 1);
    expect((await bell(t.bureau)).items.filter((n: { id: string }) => n.id === ev.id)).toHaveLength(1);
    expect(await h.mail(bureauEmail)).toHaveLength(sent);
    expect(p.id).toBeTruthy();
  });
});

describe('two workers at once', () => {
  it('an email another worker is sending (a live claim) keeps the item in the outbox until it is marked sent; nothing is sent twice', async () => {
    await h.pendingPairing(t);
    const [ev] = (await outbox(t.id)).filter((e) => e.kind === 'pairing_claimed');
    const store = new TenantStore(h.deps.doc, h.deps.tableName, t.id);
    const bureauId = (await h.get(t.bureau, '/api/me')).id;
    const marker = { pk: store.pk('MAILED'), sk: `${ev.id}#u:${bureauId}` };
    const sent = (await h.mail(bureauEmail)).length;
    await store.put({ ...marker, state: 'sending', leaseUntil: new Date(h.clock.now.getTime() + 60_000).toISOString() });
    const r = await h.deliver();
    expect(r.failed).toBe(1);
    expect((await outbox(t.id)).map((e) => e.id)).toContain(ev.id); // kept, with a retry time
    expect(await h.mail(bureauEmail)).toHaveLength(sent);
    // the other worker finishes; the retry (after its backoff) finds it sent and lets the item go
    await store.put({ ...marker, state: 'sent' });
    const at = h.clock.now;
    h.clock.now = new Date(at.getTime() + 10_000);
    try {
      expect((await h.deliver()).delivered).toBe(1);
    } finally {
      h.clock.now = at;
    }
    expect((await outbox(t.id)).map((e) => e.id)).not.toContain(ev.id);
    expect(await h.mail(bureauEmail)).toHaveLength(sent);
  });
});

describe('needs', () => {
  it('the bureau hears when an organization pledges a need and when it is met (not of its own moves)', async () => {
    const org = await h.organization(t, { name: '认领公司' });
    const p = await h.activePairing(t, { orgId: org.id });
    const need = await h.call('POST', '/api/needs', {
      token: t.bureau,
      body: { villageId: p.villageId, category: 'sales', title: '苹果销路', quantity: 10, unit: '箱' },
    });
    expect(need.status).toBe(201);
    await h.deliver();
    const before = (await bell(t.bureau)).items.length;
    expect((await h.call('POST', `/api/needs/${need.body.id}/pledge`, { token: org.member, body: { quantity: 10, note: '全部包销' } })).status).toBe(200);
    expect((await h.call('POST', `/api/needs/${need.body.id}/fulfil`, { token: org.member, body: { note: '已售完' } })).status).toBe(200);
    await h.deliver();
    const items = (await bell(t.bureau)).items;
    expect(items.length - before).toBe(2);
    expect(items.slice(0, 2).map((n: { title: string }) => n.title)).toEqual(['需求已完成：苹果销路', '需求已被认领：苹果销路']);
  });
});

describe('the bell', () => {
  it('marks one read (once), all read, and refuses another user’s or another tenant’s id with 404', async () => {
    await h.pendingPairing(t);
    await h.pendingPairing(t);
    await h.deliver();
    const page = await bell(t.bureau);
    expect(page.unread).toBeGreaterThanOrEqual(2);
    const id = page.items[0].id;
    const read = await h.call('POST', `/api/notifications/${id}/read`, { token: t.bureau });
    expect(read.status).toBe(200);
    expect(read.body.readAt).toBeTruthy();
    const again = await h.call('POST', `/api/notifications/${id}/read`, { token: t.bureau });
    expect(again.status).toBe(200);
    expect((await bell(t.bureau)).unread).toBe(page.unread - 1);
    expect((await bell(t.bureau, '?unread=true')).items.every((n: { readAt?: string }) => !n.readAt)).toBe(true);

    const org = await h.organization(t);
    expect((await h.call('POST', `/api/notifications/${id}/read`, { token: org.member })).status).toBe(404);
    expect((await h.call('POST', `/api/notifications/${id}/read`, { token: other.bureau })).status).toBe(404);
    expect((await h.call('POST', '/api/notifications/ntf_nope/read', { token: t.bureau })).status).toBe(404);

    const all = await h.call('POST', '/api/notifications/read-all', { token: t.bureau });
    expect(all.status).toBe(200);
    expect(all.body.unread).toBe(0);
    expect((await bell(t.bureau)).unread).toBe(0);
  });
});

describe('notification settings', () => {
  it('a kind turned off stays on the bell but leaves the email; English when chosen', async () => {
    const org = await h.organization(t);
    const email = await emailOf(org.member);
    expect(await h.get(org.member, '/api/me/notification-settings')).toMatchObject({
      locale: 'zh-CN',
      email: { pairing_approved: true, report_reminder: true },
    });
    const bad = await h.call('PATCH', '/api/me/notification-settings', { token: org.member, body: { email: { no_such_kind: false } } });
    expect(bad.status).toBe(400);
    const patched = await h.call('PATCH', '/api/me/notification-settings', { token: org.member, body: { locale: 'en', email: { pairing_rejected: false } } });
    expect(patched.status).toBe(200);
    expect(patched.body).toMatchObject({ locale: 'en', email: { pairing_rejected: false, pairing_approved: true } });

    const p1 = await h.pendingPairing(t, { orgId: org.id });
    const p2 = await h.pendingPairing(t, { orgId: org.id });
    await h.call('POST', `/api/pairings/${p1.id}/reject`, { token: t.bureau, body: { reason: '材料不全' } });
    await h.call('POST', `/api/pairings/${p2.id}/approve`, { token: t.bureau, body: {} });
    await h.deliver();
    const kinds = (await bell(org.member)).items.map((n: { kind: string }) => n.kind).sort();
    expect(kinds).toEqual(['pairing_approved', 'pairing_rejected']);
    const mails = await h.mail(email);
    expect(mails.map((m) => m.subject)).toEqual([expect.stringMatching(/^Pairing approved: /)]);
    expect((await bell(org.member)).items.find((n: { kind: string }) => n.kind === 'pairing_rejected').body).toContain('Reason: 材料不全');
  });
});

describe('people without an account', () => {
  it('a concern reporter who left an email hears it was received (with a ticket) and each status change', async () => {
    const villageId = await h.village(t);
    const res = await h.call('POST', `/api/public/${t.slug}/concerns`, {
      body: { subject: { kind: 'village', id: villageId }, text: '路灯坏了很久', contact: 'Reporter@Example.com' },
    });
    expect(res.status).toBe(201);
    const phone = await h.call('POST', `/api/public/${t.slug}/concerns`, {
      body: { subject: { kind: 'village', id: villageId }, text: '没有邮箱', contact: '13800000000' },
    });
    expect(phone.status).toBe(201);
    await h.deliver();
    const [received] = await h.mail('reporter@example.com');
    const ticket = res.body.ticketNo; // issue 16: <SLUG>-T-YYYYMMDD-NNNN
    expect(ticket).toMatch(/^[A-Z0-9-]+-T-\d{8}-\d{4}$/);
    expect(received.subject).toBe(`已收到您的反映（编号 ${ticket}）`);
    const moved = await h.call('PATCH', `/api/concerns/${res.body.concernId}`, { token: t.bureau, body: { status: 'resolved', resolution: '已修好' } });
    expect(moved.status).toBe(200);
    await h.deliver();
    const mails = await h.mail('reporter@example.com');
    expect(mails).toHaveLength(2);
    expect(mails[0].text).toContain('处理结果：已修好');
  });

  it('the seller hears of its own parcel only; the buyer of the shipment; the donor of the confirmation with the receipt link', async () => {
    const a = await h.organization(t, { name: '甲公司' });
    const b = await h.organization(t, { name: '乙协会' });
    const pa = await h.activePairing(t, { orgId: a.id });
    const pb = await h.activePairing(t, { orgId: b.id });
    const la = await h.listing(t, { villageId: pa.villageId, stock: 10, priceFen: 1000, name: '甲的苹果' }, a.member);
    const lb = await h.listing(t, { villageId: pb.villageId, stock: 10, priceFen: 2500, name: '乙的蜂蜜' }, b.member);
    const o = await h.checkout(
      t,
      [
        { produceId: la.id, quantity: 2 },
        { produceId: lb.id, quantity: 1 },
      ],
      { buyer: { name: '买家', phone: '13900000000', email: 'buyer@example.com' } },
    );
    expect(o.status).toBe(201);
    await h.press(o.body.checkoutUrl, 'pay');
    await h.deliver();
    const aMail = await h.mail(await emailOf(a.member));
    const paidA = aMail.find((m) => m.subject?.startsWith('新订单已付款'));
    expect(paidA?.subject).toBe('新订单已付款：¥20.00');
    expect(paidA?.text).toContain('甲的苹果 × 2');
    expect(paidA?.text).not.toContain('乙的蜂蜜');
    const paidB = (await bell(b.member)).items.find((n: { kind: string }) => n.kind === 'order_paid');
    expect(paidB.title).toBe('新订单已付款：¥25.00');

    const order = await h.get(a.member, `/api/orders/${o.body.orderId}`);
    const ship = await h.call('POST', `/api/orders/${o.body.orderId}/fulfilments/${order.fulfilments[0].id}/ship`, {
      token: a.member,
      body: { carrier: '顺丰', trackingNo: 'SF100' },
    });
    expect(ship.status).toBe(200);
    await h.deliver();
    const [shipped] = await h.mail('buyer@example.com');
    expect(shipped.subject).toBe('您的订单已发货：甲公司');
    expect(shipped.text).toContain('SF100');

    const villageId = await h.village(t, { name: '捐赠村' });
    const d = await h.call('POST', `/api/public/${t.slug}/donate`, { body: { villageId, amountFen: 5000, email: 'donor@example.com' } });
    expect(d.status).toBe(201);
    await h.deliver();
    expect(await h.mail('donor@example.com')).toHaveLength(0); // not before the payment is confirmed
    await h.press(d.body.checkoutUrl, 'pay');
    await h.deliver();
    const [thanks] = await h.mail('donor@example.com');
    expect(thanks.subject).toBe('捐赠已确认：¥50.00');
    expect(thanks.text).toContain(`/donations/${d.body.donationId}#token=${d.body.receiptToken}`);
    expect(thanks.text).not.toContain('?token=');
  });
});
