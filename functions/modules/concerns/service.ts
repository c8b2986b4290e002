import { emailOf, notifyTx } from '../notifications/outbox.js';
import { CONCERN_TRANSITIONS, type Concern, type ConcernInput, type ConcernPatch, type ConcernStatus } from '../../../shared/schemas/concerns.js';
import { AppError } from '../../errors.js';
import type { PublicContext } from '../../http/public.js';
import { newId } from '../../store/ids.js';
import type { TenantStore, TxItem } from '../../store/tenant-store.js';
import { auditPut, auditPutBy, PUBLIC_ACTOR } from '../audit/store.js';
import type { ServiceContext } from '../context.js';
import { getOrganizationItem } from '../organizations/store.js';
import { getProduceRecord } from '../produce/store.js';
import { getVillageItem } from '../villages/store.js';
import { filterWhere } from '../../store/filters.js';

// Access pattern: a concern by id, and the tenant's concerns newest first → pk CONCERN, sk <id>.
const concernKey = (store: TenantStore, id: string) => ({ pk: store.pk('CONCERN'), sk: id });
// Counts shown publicly: a village's in its FUNDS item; an organization's in COUNTERS/CONCERNS_ORG.
const countKey = (store: TenantStore, villageId: string | null) => (villageId ? { pk: store.pk('FUNDS'), sk: villageId } : { pk: store.pk('COUNTERS'), sk: 'CONCERNS_ORG' });

const CLOSED: ConcernStatus[] = ['resolved', 'dismissed'];

function countTx(store: TenantStore, villageId: string | null, attr: 'concernsReceived' | 'concernsResolved', by: number): TxItem {
  return { Update: { Key: countKey(store, villageId), UpdateExpression: `ADD ${attr} :b`, ExpressionAttributeValues: { ':b': by } } };
}

export async function orgConcernCounts(store: TenantStore): Promise<{ received: number; resolved: number }> {
  const k = countKey(store, null);
  const c = await store.get<{ concernsReceived?: number; concernsResolved?: number }>(k.pk, k.sk, false);
  return { received: c?.concernsReceived ?? 0, resolved: c?.concernsResolved ?? 0 };
}

/** The subject named, in this tenant (else 404), with its name and the village it counts toward. */
async function subjectOf(store: TenantStore, s: ConcernInput['subject']): Promise<{ name: string; villageId: string | null }> {
  if (s.kind === 'village') {
    const v = await getVillageItem(store, s.id);
    if (v) return { name: v.name, villageId: v.id };
  } else if (s.kind === 'organization') {
    const o = await getOrganizationItem(store, s.id);
    if (o) return { name: o.name, villageId: null };
  } else {
    const p = await getProduceRecord(store, s.id);
    if (p) return { name: p.name, villageId: p.villageId };
  }
  throw AppError.notFound('举报对象');
}

/** The reporter hears of its concern (received, then each status change) when its contact is an email. */
function tellReporter(ctx: { store: TenantStore; now: Date }, c: Concern, kind: 'concern_received' | 'concern_status'): TxItem[] {
  const email = emailOf(c.contact);
  if (!email) return [];
  return [notifyTx(ctx, kind, { to: 'email', email }, { ticket: ticketOf(c.id), subjectName: c.subjectName, status: c.status, resolution: c.resolution })];
}

/** A concern's ticket number as the reporter sees it: the id's last 8 characters, upper case. */
export const ticketOf = (id: string) => id.slice(-8).toUpperCase();

/** Anyone (no account) reports a concern; it is never shown publicly, only counted. */
export async function createConcern(ctx: PublicContext, input: ConcernInput): Promise<{ concernId: string }> {
  const subject = await subjectOf(ctx.store, input.subject);
  const at = ctx.now.toISOString();
  const concern: Concern = {
    id: newId('con'),
    subject: input.subject,
    subjectName: subject.name,
    villageId: subject.villageId,
    text: input.text,
    contact: input.contact || null,
    status: 'open',
    resolution: null,
    createdAt: at,
    updatedAt: at,
    closedAt: null,
  };
  const { contact: _contact, ...filed } = concern;
  await ctx.store.transact([
    { Put: { Item: { ...concernKey(ctx.store, concern.id), ...concern }, ConditionExpression: 'attribute_not_exists(pk)' } },
    countTx(ctx.store, subject.villageId, 'concernsReceived', 1),
    ...tellReporter(ctx, concern, 'concern_received'),
    // filed by the public: the trail keeps what was filed, not who filed it (the contact stays on the concern)
    auditPutBy({ store: ctx.store, now: ctx.now, actor: PUBLIC_ACTOR }, 'concern', concern.id, 'create', null, { ...filed, hasContact: concern.contact !== null }),
  ]);
  return { concernId: concern.id };
}

const strip = (i: Record<string, unknown>): Concern => {
  const { pk: _p, sk: _s, ...rest } = i;
  return rest as Concern;
};

export async function listConcerns(ctx: ServiceContext, q: { status?: ConcernStatus; villageId?: string; limit: number; cursor?: string }) {
  const page = await ctx.store.query<Record<string, unknown>>({
    pk: ctx.store.pk('CONCERN'),
    limit: q.limit,
    cursor: q.cursor,
    forward: false,
    filter: filterWhere({ status: q.status, villageId: q.villageId }),
  });
  return { items: page.items.map(strip), nextCursor: page.nextCursor };
}

export async function getConcern(ctx: ServiceContext, id: string): Promise<Concern> {
  const item = await ctx.store.get<Record<string, unknown>>(ctx.store.pk('CONCERN'), id);
  if (!item) throw AppError.notFound('举报');
  return strip(item);
}

/**
 * The bureau's triage: open → investigating → resolved | dismissed (open may close directly); a
 * closed concern is final (409). The move is conditional on the status read, and closing counts
 * toward the public "resolved" figure in the same transaction.
 */
export async function updateConcern(ctx: ServiceContext, id: string, patch: ConcernPatch): Promise<Concern> {
  const before = await getConcern(ctx, id);
  const to = patch.status ?? before.status;
  if (to !== before.status && !CONCERN_TRANSITIONS[before.status].includes(to)) {
    throw AppError.conflict(`不能从「${before.status}」改为「${to}」`, { from: before.status, to, allowed: CONCERN_TRANSITIONS[before.status] });
  }
  if (CLOSED.includes(before.status) && patch.resolution !== undefined && to === before.status) {
    throw AppError.conflict('已办结的举报不能再修改');
  }
  const at = ctx.now.toISOString();
  const closing = !CLOSED.includes(before.status) && CLOSED.includes(to);
  if (closing && !(patch.resolution ?? before.resolution)) throw AppError.field('resolution', '办结时请填写处理结果');
  const after: Concern = {
    ...before,
    status: to,
    resolution: patch.resolution ?? before.resolution,
    updatedAt: at,
    closedAt: closing ? at : before.closedAt,
  };
  await ctx.store.transact([
    {
      Put: { Item: { ...concernKey(ctx.store, id), ...after }, ConditionExpression: '#st = :from AND updatedAt = :prev', ExpressionAttributeNames: { '#st': 'status' }, ExpressionAttributeValues: { ':from': before.status, ':prev': before.updatedAt } },
      failWith: AppError.conflict('举报已被他人处理，请刷新'),
    },
    ...(closing ? [countTx(ctx.store, before.villageId, 'concernsResolved', 1)] : []),
    auditPut(ctx, 'concern', id, closing ? to : 'update', before, after),
    ...(to !== before.status ? tellReporter(ctx, after, 'concern_status') : []),
  ]);
  return after;
}
