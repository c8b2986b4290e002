import type { PublicStory, PublicStorySummary, Story, StoryInput, StoryPatch, StoryStatus } from '../../../shared/schemas/stories.js';
import { AppError } from '../../errors.js';
import { newId } from '../../store/ids.js';
import type { TenantStore } from '../../store/tenant-store.js';
import { auditPut } from '../audit/store.js';
import type { PublicContext, ServiceContext } from '../context.js';
import { orgKey } from '../organizations/store.js';
import { pairingKey } from '../pairings/store.js';
import { villageKey } from '../villages/store.js';
import { allStoryRecords, getStoryRecord, putStoryTx, replaceStoryTx, type StoryRecord } from './store.js';

/*
 * Stories (典型经验): the bureau writes up good practice and publishes it, linked to its villages,
 * organizations and pairings. The public sees a published story only, with the names of its villages
 * and organizations and its photos: the text is the bureau's; no helper, donor or household field is
 * ever read into a public answer.
 */

const unique = (ids: string[]) => [...new Set(ids)];

type Links = Pick<StoryRecord, 'villageIds' | 'organizationIds' | 'pairingIds'>;

/**
 * Every linked id must be this tenant's (another tenant's reads as absent through the tenant's
 * store): each problem with its path (`villageIds.N`, `organizationIds.N`, `pairingIds.N`), all at
 * once, before anything is written.
 */
async function checkLinks(store: TenantStore, l: Links): Promise<void> {
  const issues: { path: string; code: string; message: string }[] = [];
  const kinds = [
    { field: 'villageIds', key: villageKey, what: '村庄不存在' },
    { field: 'organizationIds', key: orgKey, what: '帮扶单位不存在' },
    { field: 'pairingIds', key: pairingKey, what: '结对不存在' },
  ] as const;
  const found = await Promise.all(
    kinds.map(async (k) =>
      l[k.field].length
        ? new Set((await store.getMany<Record<string, unknown>>(l[k.field].map((id) => k.key(store, id)))).map((i) => String(i.sk)))
        : new Set<string>(),
    ),
  );
  kinds.forEach((k, n) =>
    l[k.field].forEach((id, i) => {
      if (!found[n].has(id)) issues.push({ path: `${k.field}.${i}`, code: 'not_found', message: k.what });
    }),
  );
  if (issues.length) throw AppError.validation(issues, issues[0].message);
}

const view = (r: StoryRecord): Story => {
  const { createdBy: _c, ...rest } = r;
  return rest;
};

async function storyRecord(store: TenantStore, id: string): Promise<StoryRecord> {
  const s = await getStoryRecord(store, id);
  if (!s) throw AppError.notFound('典型经验');
  return s;
}

/** publishedAt: kept while it stays published, now when it becomes so, null as a draft. */
const publishedAtFor = (status: StoryStatus, before: StoryRecord | null, at: string) =>
  status === 'draft' ? null : before?.status === 'published' ? before.publishedAt : at;

/** The bureau's list, newest change first (?status=). */
export async function listStories(ctx: ServiceContext, status?: StoryStatus): Promise<{ items: Story[] }> {
  const records = (await allStoryRecords(ctx.store)).filter((s) => !status || s.status === status);
  records.sort((a, b) => b.updatedAt.localeCompare(a.updatedAt) || a.id.localeCompare(b.id));
  return { items: records.map(view) };
}

export async function getStory(ctx: ServiceContext, id: string): Promise<Story> {
  return view(await storyRecord(ctx.store, id));
}

/** The bureau writes a story: its links checked whole (checkLinks) before anything is written; audited. */
export async function createStory(ctx: ServiceContext, input: StoryInput): Promise<Story> {
  await checkLinks(ctx.store, input);
  const at = ctx.now.toISOString();
  const record: StoryRecord = {
    id: newId('sty'),
    title: input.title,
    summary: input.summary,
    body: input.body,
    status: input.status,
    publishedAt: publishedAtFor(input.status, null, at),
    villageIds: unique(input.villageIds),
    organizationIds: unique(input.organizationIds),
    pairingIds: unique(input.pairingIds),
    photoIds: [],
    createdBy: ctx.caller.userId,
    createdAt: at,
    updatedAt: at,
  };
  await ctx.store.transact([putStoryTx(ctx.store, record), auditPut(ctx, 'story', record.id, 'create', null, record)]);
  return view(record);
}

/** Changes any field, publishes or takes back to a draft; the links checked as sent; conditional on the story read; audited. */
export async function updateStory(ctx: ServiceContext, id: string, patch: StoryPatch): Promise<Story> {
  const before = await storyRecord(ctx.store, id);
  await checkLinks(ctx.store, { villageIds: patch.villageIds ?? [], organizationIds: patch.organizationIds ?? [], pairingIds: patch.pairingIds ?? [] });
  const at = ctx.now.toISOString();
  const status = patch.status ?? before.status;
  const after: StoryRecord = {
    ...before,
    ...(patch.title !== undefined ? { title: patch.title } : {}),
    ...(patch.summary !== undefined ? { summary: patch.summary } : {}),
    ...(patch.body !== undefined ? { body: patch.body } : {}),
    ...(patch.villageIds !== undefined ? { villageIds: unique(patch.villageIds) } : {}),
    ...(patch.organizationIds !== undefined ? { organizationIds: unique(patch.organizationIds) } : {}),
    ...(patch.pairingIds !== undefined ? { pairingIds: unique(patch.pairingIds) } : {}),
    status,
    publishedAt: publishedAtFor(status, before, at),
    updatedAt: at,
  };
  await ctx.store.transact([
    replaceStoryTx(ctx.store, after, before.updatedAt, AppError.conflict('这篇典型经验刚刚被修改，请刷新')),
    auditPut(ctx, 'story', id, 'update', before, after),
  ]);
  return view(after);
}

// ---- public -------------------------------------------------------------------------------

/** A published story of the tenant; a draft, a missing id and another tenant's are the same 404. */
export async function publishedStory(store: TenantStore, id: string): Promise<StoryRecord> {
  const s = await getStoryRecord(store, id);
  if (!s || s.status !== 'published' || !s.publishedAt) throw AppError.notFound('典型经验');
  return s;
}

export const storyPhotoUrl = (slug: string, storyId: string, photoId: string) =>
  `/api/public/${encodeURIComponent(slug)}/stories/${encodeURIComponent(storyId)}/photos/${encodeURIComponent(photoId)}`;

/** Names only, by id (one BatchGet per kind): nothing else of a village or organization is read out. */
async function names(store: TenantStore, key: typeof villageKey, ids: string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const items = await store.getMany<Record<string, unknown>>(unique(ids).map((id) => key(store, id)));
  return new Map(items.map((i) => [String(i.sk), String(i.name ?? '')]));
}

const named = (ids: string[], by: Map<string, string>) => ids.filter((id) => by.has(id)).map((id) => ({ id, name: by.get(id)! }));

/** The published stories, newest first; `villageId` narrows to those linked to that village. */
export async function publicStories(ctx: PublicContext, villageId?: string): Promise<{ items: PublicStorySummary[] }> {
  const records = (await allStoryRecords(ctx.store))
    .filter((s) => s.status === 'published' && s.publishedAt && (!villageId || s.villageIds.includes(villageId)))
    .sort((a, b) => b.publishedAt!.localeCompare(a.publishedAt!) || a.id.localeCompare(b.id));
  const villages = await names(
    ctx.store,
    villageKey,
    records.flatMap((r) => r.villageIds),
  );
  return {
    items: records.map((s) => ({
      id: s.id,
      title: s.title,
      summary: s.summary,
      publishedAt: s.publishedAt!,
      villages: named(s.villageIds, villages),
      cover: s.photoIds.length ? { photoId: s.photoIds[0], url: storyPhotoUrl(ctx.tenant.slug, s.id, s.photoIds[0]) } : null,
    })),
  };
}

/** One published story: the bureau's text, its villages' and organizations' names, its photos. */
export async function publicStory(ctx: PublicContext, id: string): Promise<PublicStory> {
  const s = await publishedStory(ctx.store, id);
  const [villages, orgs] = await Promise.all([names(ctx.store, villageKey, s.villageIds), names(ctx.store, orgKey, s.organizationIds)]);
  return {
    id: s.id,
    title: s.title,
    summary: s.summary,
    body: s.body,
    publishedAt: s.publishedAt!,
    villages: named(s.villageIds, villages),
    organizations: named(s.organizationIds, orgs),
    photos: s.photoIds.map((photoId) => ({ photoId, url: storyPhotoUrl(ctx.tenant.slug, s.id, photoId) })),
  };
}
