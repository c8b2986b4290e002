import { ApplicationFields, type Application, type ApplicationStatusView } from '../../../shared/schemas/accounts.js';
import type { Organization } from '../../../shared/schemas/organizations.js';
import type { FileStore } from '../../adapters/files.js';
import { AppError, fieldErrors } from '../../errors.js';
import type { PublicContext } from '../context.js';
import { newId } from '../../store/ids.js';
import type { TxItem } from '../../store/tenant-store.js';
import { hashToken, newAccessToken, tokenMatches } from '../access-tokens.js';
import { invitationTx } from '../accounts/service.js';
import { auditPut, auditPutBy, PUBLIC_ACTOR } from '../audit/store.js';
import type { ServiceContext } from '../context.js';
import { getTenant } from '../tenant/store.js';
import { notifyTx } from '../outbox/outbox.js';
import { claimCreditCodeTx, putOrganizationTx } from '../organizations/store.js';
import { getVillageItem } from '../villages/store.js';
import { cleanFileName, documentProblems, sniffDocument, type UploadedDocument } from './documents.js';
import {
  decideApplicationTx,
  getApplicationItem,
  listApplicationItems,
  pendingCodeKey,
  putApplicationTx,
  registeredCodeKey,
  type ApplicationItem,
} from './store.js';

const codeRegistered = () => AppError.conflict('该统一社会信用代码已在本地登记，请直接联系民政局或用已有账号登录', { field: 'creditCode' });
const codePending = () => AppError.conflict('该组织已提交申请，正在审核中', { field: 'creditCode' });

/**
 * An organization applies to join (no account): its fields checked (the credit code's check
 * character too), its documents sniffed (PDF, JPEG, PNG; ≤ 5 MB each, ≤ 3), the villages it names
 * looked up in the tenant. The files are stored first (private: never a public URL), then in one
 * transaction the application, its credit code's claim (one application under review per code,
 * none for a code an organization already holds) and the bureau's notification.
 */
export async function submitApplication(
  pub: PublicContext,
  files: FileStore,
  raw: { fields: Record<string, unknown>; documents: UploadedDocument[] },
): Promise<{ applicationId: string; statusToken: string }> {
  const parsed = ApplicationFields.safeParse(raw.fields);
  const problems = [...(parsed.success ? [] : fieldErrors(parsed.error.issues)), ...documentProblems(raw.documents)];
  if (!parsed.success || problems.length) throw AppError.validation(problems);
  const input = parsed.data;
  const villageIds = [...new Set(input.villageIds)];
  const villages = await Promise.all(villageIds.map((id) => getVillageItem(pub.store, id)));
  const missing = villageIds.findIndex((_, i) => !villages[i]);
  if (missing >= 0) throw AppError.field(`villageIds.${missing}`, '村庄不存在');
  const registered = await pub.store.get(registeredCodeKey(pub.store, input.creditCode).pk, input.creditCode);
  if (registered) throw codeRegistered();

  const id = newId('app');
  const statusToken = newAccessToken();
  const documents: ApplicationItem['documents'] = [];
  for (const d of raw.documents) {
    const docId = newId('doc');
    const contentType = sniffDocument(d.bytes)!;
    const key = `${pub.store.tenantId}/applications/${id}/${docId}`;
    await files.put(key, { bytes: d.bytes, contentType });
    documents.push({ id: docId, fileName: cleanFileName(d.fileName), contentType, bytes: d.bytes.length, key });
  }
  const at = pub.now.toISOString();
  const item: ApplicationItem = {
    id,
    name: input.name,
    kind: input.kind,
    creditCode: input.creditCode,
    contactName: input.contactName,
    contactPhone: input.contactPhone,
    email: input.email,
    villageIds,
    ...(input.description ? { description: input.description } : {}),
    status: 'pending',
    documents,
    createdAt: at,
    statusTokenHash: hashToken(statusToken),
    locale: input.locale ?? 'zh-CN',
  };
  try {
    await pub.store.transact([
      ...putApplicationTx(pub.store, item, codePending(), codeRegistered()),
      notifyTx(pub, 'application_received', { to: 'bureau' }, { name: input.name, contactName: input.contactName }, { link: `/applications?open=${id}` }),
      // filed by the public: what was applied for, not the contact's details (they stay on the application)
      auditPutBy({ ...pub, actor: PUBLIC_ACTOR }, 'application', id, 'submit', null, {
        name: item.name,
        kind: item.kind,
        creditCode: item.creditCode,
        villageIds,
        status: item.status,
        documents: documents.length,
      }),
    ]);
  } catch (e) {
    await Promise.all(documents.map((d) => files.delete(d.key).catch(() => undefined)));
    throw e;
  }
  return { applicationId: id, statusToken };
}

/** The applicant's view through its status token (a wrong token: 404, as if there were no such application). */
export async function applicationStatus(pub: PublicContext, id: string, token: string | undefined): Promise<ApplicationStatusView> {
  const a = await getApplicationItem(pub.store, id);
  if (!a || !tokenMatches(a.statusTokenHash, token)) throw AppError.notFound('申请');
  return {
    id: a.id,
    name: a.name,
    status: a.status,
    ...(a.reason ? { reason: a.reason } : {}),
    createdAt: a.createdAt,
    ...(a.decidedAt ? { decidedAt: a.decidedAt } : {}),
  };
}

function view(a: ApplicationItem, villages?: { id: string; name: string }[]): Application {
  const { statusTokenHash: _h, locale: _l, documents, ...rest } = a as ApplicationItem & { pk?: string; sk?: string };
  delete (rest as { pk?: string }).pk;
  delete (rest as { sk?: string }).sk;
  return {
    ...rest,
    documents: documents.map((d) => ({
      id: d.id,
      fileName: d.fileName,
      contentType: d.contentType,
      bytes: d.bytes,
      url: `/api/applications/${a.id}/documents/${d.id}`,
    })),
    ...(villages ? { villages } : {}),
  };
}

export async function listApplications(ctx: ServiceContext, q: { status?: string; limit: number; cursor?: string }) {
  const page = await listApplicationItems(ctx.store, q);
  return { items: page.items.map((a) => view(a)), nextCursor: page.nextCursor };
}

async function readApplication(ctx: ServiceContext, id: string): Promise<ApplicationItem> {
  const a = await getApplicationItem(ctx.store, id);
  if (!a) throw AppError.notFound('申请');
  return a;
}

export async function getApplication(ctx: ServiceContext, id: string): Promise<Application> {
  const a = await readApplication(ctx, id);
  const villages = await Promise.all(a.villageIds.map((v) => getVillageItem(ctx.store, v)));
  return view(
    a,
    villages.filter((v): v is NonNullable<typeof v> => !!v).map((v) => ({ id: v.id, name: v.name })),
  );
}

/** One of an application's documents, for the bureau only (never public). */
export async function applicationDocument(ctx: ServiceContext, files: FileStore, id: string, docId: string) {
  const a = await readApplication(ctx, id);
  const d = a.documents.find((x) => x.id === docId);
  const file = d ? await files.get(d.key) : null;
  if (!d || !file) throw AppError.notFound('文件');
  return { ...file, fileName: d.fileName };
}

/**
 * Approval, in one transaction: the organization (approved, its credit code claimed), the
 * invitation of its contact as its first member (an email with a link to set a password), the
 * application decided, and the applicant told. Once: the application's condition refuses a second
 * approval (409), so a retry creates nothing twice.
 */
export async function approveApplication(ctx: ServiceContext, id: string, reason?: string): Promise<Application> {
  const a = await readApplication(ctx, id);
  if (a.status !== 'pending') throw AppError.conflict('该申请已处理');
  const at = ctx.now.toISOString();
  const org: Organization = {
    id: newId('org'),
    name: a.name,
    kind: a.kind,
    creditCode: a.creditCode,
    contactName: a.contactName,
    contactPhone: a.contactPhone,
    ...(a.description ? { description: a.description } : {}),
    status: 'approved',
    activePairings: 0,
    createdAt: at,
    updatedAt: at,
  };
  const invite = await invitationTx(ctx, {
    email: a.email,
    role: 'org_member',
    organizationId: org.id,
    organizationName: org.name,
    locale: a.locale,
    applicationId: a.id,
  });
  const decided = { status: 'approved', decidedAt: at, decidedBy: ctx.caller.email, organizationId: org.id, ...(reason ? { reason } : {}) };
  const tx: TxItem[] = [
    decideApplicationTx(ctx.store, id, decided),
    putOrganizationTx(ctx.store, org, 'new'),
    { ...claimCreditCodeTx(ctx.store, org.creditCode, org.id), failWith: codeRegistered() },
    { Delete: { Key: pendingCodeKey(ctx.store, a.creditCode) } },
    ...invite.tx,
    notifyTx(
      ctx,
      'application_decided',
      { to: 'email', email: a.email, locale: a.locale },
      { name: a.name, status: 'approved', tenantName: (await tenantName(ctx)) ?? '' },
    ),
    auditPut(ctx, 'organization', org.id, 'create_from_application', null, org),
    auditPut(ctx, 'application', id, 'approve', { status: 'pending' }, decided),
  ];
  await ctx.store.withGlobalUnscoped().transact(tx);
  return getApplication(ctx, id);
}

export async function rejectApplication(ctx: ServiceContext, id: string, reason?: string): Promise<Application> {
  const a = await readApplication(ctx, id);
  if (a.status !== 'pending') throw AppError.conflict('该申请已处理');
  const at = ctx.now.toISOString();
  // the reason is optional in the contract (docs/API.md); the console asks for one, and the applicant is told it
  const decided = { status: 'rejected', decidedAt: at, decidedBy: ctx.caller.email, ...(reason ? { reason } : {}) };
  await ctx.store.transact([
    decideApplicationTx(ctx.store, id, decided),
    { Delete: { Key: pendingCodeKey(ctx.store, a.creditCode) } },
    notifyTx(ctx, 'application_decided', { to: 'email', email: a.email, locale: a.locale }, { name: a.name, status: 'rejected', reason: reason ?? null }),
    auditPut(ctx, 'application', id, 'reject', { status: 'pending' }, decided),
  ]);
  return getApplication(ctx, id);
}

async function tenantName(ctx: ServiceContext): Promise<string | undefined> {
  return (await getTenant(ctx.store))?.name;
}
