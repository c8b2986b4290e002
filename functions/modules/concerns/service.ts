import { emailOf, notifyTx } from '../outbox/outbox.js';
import {
  CONCERN_TRANSITIONS,
  type Concern,
  type ConcernInput,
  type ConcernPatch,
  type ConcernStatus,
  type PublicConcern,
} from '../../../shared/schemas/concerns.js';
import { dateInZone } from '../../../shared/dates.js';
import { hashToken, newAccessToken, tokenFragment, tokenMatches } from '../access-tokens.js';
import { AppError } from '../../errors.js';
import type { PublicContext } from '../context.js';
import { newId } from '../../store/ids.js';
import type { TenantStore, TxItem } from '../../store/tenant-store.js';
import { auditPut, auditPutBy, PUBLIC_ACTOR } from '../audit/store.js';
import type { ServiceContext } from '../context.js';
import { getOrganizationItem } from '../organizations/store.js';
import { getProduceRecord } from '../produce/store.js';
import { getVillageItem } from '../villages/store.js';
import { filterWhere } from '../../store/filters.js';
import { settingsOf } from '../tenant/settings.js';
import { countKey, countTx, putConcernTx, replaceConcernTx, ticketKey } from './store.js';

const CLOSED: ConcernStatus[] = ['resolved', 'dismissed'];

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

/**
 * The reporter hears of its concern (received, with its status page's link; then each status change
 * or new reply) when its contact is an email.
 */
function tellReporter(ctx: { store: TenantStore; now: Date }, c: Concern, kind: 'concern_received' | 'concern_status', link?: string): TxItem[] {
  const email = emailOf(c.contact);
  if (!email) return [];
  return [
    notifyTx(
      ctx,
      kind,
      { to: 'email', email },
      { ticket: ticketOf(c), subjectName: c.subjectName, status: c.status, resolution: c.resolution },
      link ? { link } : {},
    ),
  ];
}

/** A concern's ticket number as the reporter sees it: its `ticketNo`; one filed before issue 16, the id's last 8 characters, upper case. */
export const ticketOf = (c: Pick<Concern, 'id' | 'ticketNo'>) => c.ticketNo ?? c.id.slice(-8).toUpperCase();

/**
 * The ticket number: `<SLUG UPPER-CASED>-T-YYYYMMDD-NNNN`, the date in the tenant's time
 * zone, NNNN the day's sequence (past 9999 it just grows) — one atomic ADD read back, so two filings
 * never get the same value; a filing that then fails leaves a gap. The filing's transaction puts the
 * number's lookup item only if absent, so even a reset counter never gives two concerns one number.
 */
async function allocateTicketNo(ctx: PublicContext): Promise<string> {
  const day = dateInZone(ctx.now, settingsOf(ctx.tenant).timeZone).replaceAll('-', '');
  const n = await ctx.store.increment(ctx.store.pk('CONCERN_TICKET_SEQ'), day, 'n', 1);
  return `${ctx.tenant.slug.toUpperCase()}-T-${day}-${String(n).padStart(4, '0')}`;
}

/**
 * Anyone (no account) reports a concern; it is never shown publicly, only counted. The reporter gets
 * its ticket number and, once, the token of its status page (only its sha-256 is kept).
 */
export async function createConcern(ctx: PublicContext, input: ConcernInput): Promise<{ concernId: string; ticketNo: string; statusToken: string }> {
  const subject = await subjectOf(ctx.store, input.subject);
  const at = ctx.now.toISOString();
  const statusToken = newAccessToken();
  const concern: Concern = {
    id: newId('con'),
    ticketNo: await allocateTicketNo(ctx),
    subject: input.subject,
    subjectName: subject.name,
    villageId: subject.villageId,
    text: input.text,
    contact: input.contact || null,
    status: 'open',
    resolution: null,
    repliedAt: null,
    createdAt: at,
    updatedAt: at,
    closedAt: null,
  };
  const { contact: _contact, ...filed } = concern;
  await ctx.store.transact([
    ...putConcernTx(ctx.store, concern, hashToken(statusToken)),
    countTx(ctx.store, subject.villageId, 'concernsReceived', 1),
    // the status page's link (token in the fragment) rides in the outbox item only until it is sent
    ...tellReporter(ctx, concern, 'concern_received', statusPagePath(ctx.tenant.slug, concern.id, statusToken)),
    // filed by the public: the trail keeps what was filed, not who filed it (the contact stays on the concern)
    auditPutBy({ store: ctx.store, now: ctx.now, actor: PUBLIC_ACTOR }, 'concern', concern.id, 'create', null, {
      ...filed,
      hasContact: concern.contact !== null,
    }),
  ]);
  return { concernId: concern.id, ticketNo: concern.ticketNo!, statusToken };
}

/** The reporter's status page; the token in the fragment, never sent to a server. */
export const statusPagePath = (slug: string, id: string, token: string) => `/shop/${slug}/concerns/${id}${tokenFragment(token)}`;

const strip = (i: Record<string, unknown>): Concern => {
  const { pk: _p, sk: _s, statusTokenHash: _h, ...rest } = i;
  return rest as Concern;
};

/**
 * The reporter's view through its status token: a wrong token, an unknown id or another
 * tenant's id is the same 404. Only what the reporter may see: no text, no contact, no trail.
 */
export async function publicConcern(ctx: PublicContext, id: string, token: string | undefined): Promise<PublicConcern> {
  const item = await ctx.store.get<Record<string, unknown>>(ctx.store.pk('CONCERN'), id);
  if (!item || !tokenMatches(typeof item.statusTokenHash === 'string' ? item.statusTokenHash : null, token)) throw AppError.notFound('举报');
  const c = strip(item);
  return {
    id: c.id,
    ticketNo: ticketOf(c),
    subjectKind: c.subject.kind,
    subjectName: c.subjectName,
    status: c.status,
    reply: c.resolution,
    repliedAt: c.repliedAt ?? null,
    createdAt: c.createdAt,
    updatedAt: c.updatedAt,
    closedAt: c.closedAt,
  };
}

export async function listConcerns(ctx: ServiceContext, q: { status?: ConcernStatus; villageId?: string; ticketNo?: string; limit: number; cursor?: string }) {
  if (q.ticketNo) {
    // the console's search by ticket number: exact, through the number's lookup item
    const k = ticketKey(ctx.store, q.ticketNo);
    const id = (await ctx.store.get<{ concernId: string }>(k.pk, k.sk))?.concernId;
    const item = id ? await ctx.store.get<Record<string, unknown>>(ctx.store.pk('CONCERN'), id) : null;
    return { items: item ? [strip(item)] : [], nextCursor: null };
  }
  const page = await ctx.store.query<Record<string, unknown>>({
    pk: ctx.store.pk('CONCERN'),
    limit: q.limit,
    cursor: q.cursor,
    forward: false,
    filter: filterWhere({ status: q.status, villageId: q.villageId }),
  });
  return { items: page.items.map(strip), nextCursor: page.nextCursor };
}

async function concernItem(ctx: ServiceContext, id: string): Promise<Record<string, unknown>> {
  const item = await ctx.store.get<Record<string, unknown>>(ctx.store.pk('CONCERN'), id);
  if (!item) throw AppError.notFound('举报');
  return item;
}

export const getConcern = async (ctx: ServiceContext, id: string): Promise<Concern> => strip(await concernItem(ctx, id));

/**
 * The bureau's triage: open → investigating → resolved | dismissed (open may close directly); a
 * closed concern is final (409). The move is conditional on the status read, and closing counts
 * toward the public "resolved" figure in the same transaction.
 */
export async function updateConcern(ctx: ServiceContext, id: string, patch: ConcernPatch): Promise<Concern> {
  const item = await concernItem(ctx, id);
  const before = strip(item);
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
  const replied = patch.resolution !== undefined && patch.resolution !== before.resolution;
  const after: Concern = {
    ...before,
    status: to,
    resolution: patch.resolution ?? before.resolution,
    repliedAt: replied ? at : (before.repliedAt ?? null),
    updatedAt: at,
    closedAt: closing ? at : before.closedAt,
  };
  // the status token's hash stays on the item (strip keeps it from what the console sees)
  const hash = item.statusTokenHash;
  await ctx.store.transact([
    replaceConcernTx(ctx.store, id, after, typeof hash === 'string' ? hash : undefined, before, AppError.conflict('举报已被他人处理，请刷新')),
    ...(closing ? [countTx(ctx.store, before.villageId, 'concernsResolved', 1)] : []),
    auditPut(ctx, 'concern', id, closing ? to : 'update', before, after),
    // the reply is the reporter's: a status change or a new reply tells it (its status page shows both)
    ...(to !== before.status || replied ? tellReporter(ctx, after, 'concern_status') : []),
  ]);
  return after;
}
