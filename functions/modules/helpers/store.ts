import type { Helper } from '../../../shared/schemas/helpers.js';
import { AppError } from '../../errors.js';
import type { TenantStore, TxItem } from '../../store/tenant-store.js';
import { pairingKey } from '../pairings/store.js';

// Access pattern: a helper by id (edit, team, participants) → pk HELPER, sk <id>.
export const helperKey = (store: TenantStore, id: string) => ({ pk: store.pk('HELPER'), sk: id });
// Access pattern (GSI byOrganization): an organization's helpers, oldest first → orgPk ORG#<id>, orgSk HELPER#<createdAt>#<id>.
const orgIndex = (store: TenantStore, h: Pick<Helper, 'organizationId' | 'createdAt' | 'id'>) => ({
  orgPk: store.pk('ORG', h.organizationId),
  orgSk: `HELPER#${h.createdAt}#${h.id}`,
});
// Access pattern: the helpers who took part in activities dated in a year, with their counts
// (recognition's 先进个人) → pk HELPERACT#<year>, sk <helperId>.
const participationKey = (store: TenantStore, year: string, helperId: string) => ({ pk: store.pk('HELPERACT', year), sk: helperId });

function strip(item: Record<string, unknown>): Helper {
  const { pk: _p, sk: _s, orgPk: _op, orgSk: _os, ...rest } = item;
  return rest as Helper;
}

export async function getHelperItem(store: TenantStore, id: string): Promise<Helper | null> {
  const k = helperKey(store, id);
  const item = await store.get<Record<string, unknown>>(k.pk, k.sk);
  return item ? strip(item) : null;
}

export async function getHelperItems(store: TenantStore, ids: string[]): Promise<Map<string, Helper>> {
  if (!ids.length) return new Map();
  const items = await store.getMany<Record<string, unknown>>(ids.map((id) => helperKey(store, id)));
  return new Map(items.map((i) => [String(i.sk), strip(i)]));
}

export async function listHelperItems(store: TenantStore, organizationId: string): Promise<Helper[]> {
  const items = await store.queryAll<Record<string, unknown>>({ pk: store.pk('ORG', organizationId), index: 'byOrganization', skBeginsWith: 'HELPER#' });
  return items.map(strip);
}

export function putNewHelperTx(store: TenantStore, h: Helper): TxItem {
  return { Put: { Item: { ...helperKey(store, h.id), ...orgIndex(store, h), ...h }, ConditionExpression: 'attribute_not_exists(pk)' } };
}

/** The whole record again, only if nobody changed it since it was read. */
export function putHelperTx(store: TenantStore, h: Helper, before: Pick<Helper, 'updatedAt'>): TxItem {
  return {
    Put: {
      Item: { ...helperKey(store, h.id), ...orgIndex(store, h), ...h },
      ConditionExpression: 'attribute_exists(pk) AND updatedAt = :prev',
      ExpressionAttributeValues: { ':prev': before.updatedAt },
    },
    failWith: AppError.conflict('帮扶队员已被他人修改，请刷新后重试'),
  };
}

/** Held in a team's write: the helper is still an active helper of the organization. */
export function helperStillActiveTx(store: TenantStore, id: string, organizationId: string, path: string): TxItem {
  return {
    ConditionCheck: {
      Key: helperKey(store, id),
      ConditionExpression: 'organizationId = :org AND active = :yes',
      ExpressionAttributeValues: { ':org': organizationId, ':yes': true },
    },
    failWith: AppError.field(path, '帮扶队员已停用或不属于本组织，请刷新后重试'),
  };
}

/** A named participant of an activity: one more participation in the activity's year, held to the organization's helpers. */
export function participationTx(store: TenantStore, year: string, helperId: string, organizationId: string, path: string): TxItem[] {
  return [
    {
      ConditionCheck: {
        Key: helperKey(store, helperId),
        ConditionExpression: 'organizationId = :org',
        ExpressionAttributeValues: { ':org': organizationId },
      },
      failWith: AppError.field(path, '参与队员不属于本组织'),
    },
    {
      Update: {
        Key: participationKey(store, year, helperId),
        UpdateExpression: 'ADD activities :one SET organizationId = :org',
        ExpressionAttributeValues: { ':one': 1, ':org': organizationId },
      },
    },
  ];
}

/** Each helper's recorded participations in activities dated in `year` (only helpers with one have an item). */
export async function participationsInYear(store: TenantStore, year: string): Promise<{ helperId: string; organizationId: string; activities: number }[]> {
  const items = await store.queryAll<Record<string, unknown>>({ pk: store.pk('HELPERACT', year) }, 1_000_000);
  return items.map((i) => ({ helperId: String(i.sk), organizationId: String(i.organizationId), activities: Number(i.activities ?? 0) }));
}

// Access pattern: a pairing's team (helper ids, in the order chosen) → pk PAIRINGTEAM, sk <pairingId>.
const teamKey = (store: TenantStore, pairingId: string) => ({ pk: store.pk('PAIRINGTEAM'), sk: pairingId });

export async function getTeamIds(store: TenantStore, pairingId: string): Promise<string[]> {
  const k = teamKey(store, pairingId);
  const item = await store.get<{ helperIds?: string[] }>(k.pk, k.sk);
  return item?.helperIds ?? [];
}

export function putTeamTx(store: TenantStore, pairingId: string, helperIds: string[], at: string): TxItem {
  return { Put: { Item: { ...teamKey(store, pairingId), pairingId, helperIds, updatedAt: at } } };
}

/** Held in a team's write: the pairing is still pending or active. */
export function pairingStillOpenTx(store: TenantStore, pairingId: string): TxItem {
  return {
    ConditionCheck: {
      Key: pairingKey(store, pairingId),
      ConditionExpression: '#status IN (:pending, :active)',
      ExpressionAttributeNames: { '#status': 'status' },
      ExpressionAttributeValues: { ':pending': 'pending', ':active': 'active' },
    },
    failWith: AppError.conflict('结对状态已变化，请刷新'),
  };
}
