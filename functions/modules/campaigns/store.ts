import type { CampaignProgress } from '../../../shared/schemas/campaigns.js';
import type { TenantStore, TxItem } from '../../store/tenant-store.js';
import { counterKey, type Move } from '../counters/store.js';

/** A campaign as stored: the contract's fields but its status and progress (derived when read). */
export type CampaignRecord = {
  id: string;
  title: string;
  description: string | null;
  kind: string | null;
  startDate: string;
  endDate: string;
  targetFen: number;
  villageIds: string[];
  produceIds: string[];
  createdBy: string | null;
  createdAt: string;
  updatedAt: string;
};

// Access pattern: a campaign by id, and all of a tenant's campaigns (a few a year) → pk CAMPAIGN, sk <id>.
export const campaignKey = (store: TenantStore, id: string) => ({ pk: store.pk('CAMPAIGN'), sk: id });

/**
 * Access pattern: a campaign's money → pk COUNTERS, sk CAMPAIGN#<id>: raisedFen, orders, orderFen,
 * donations, donationFen and one `v#<villageId>` fen per village. Moved (ADD) in the same transaction
 * as the order's payment, the donation's confirmation and each refund, never otherwise.
 */
export const campaignCounterName = (id: string) => `CAMPAIGN#${id}`;
const VILLAGE_PREFIX = 'v#';

const strip = (i: Record<string, unknown>): CampaignRecord => {
  const { pk: _p, sk: _s, ...rest } = i;
  return rest as CampaignRecord;
};

export async function getCampaignRecord(store: TenantStore, id: string): Promise<CampaignRecord | null> {
  const k = campaignKey(store, id);
  const item = await store.get<Record<string, unknown>>(k.pk, k.sk);
  return item ? strip(item) : null;
}

/** Every campaign of the tenant (a handful a year; bounded). */
export async function allCampaignRecords(store: TenantStore): Promise<CampaignRecord[]> {
  return (await store.queryAll<Record<string, unknown>>({ pk: store.pk('CAMPAIGN') }, 2000)).map(strip);
}

export function putCampaignTx(store: TenantStore, c: CampaignRecord): TxItem {
  return { Put: { Item: { ...campaignKey(store, c.id), ...c }, ConditionExpression: 'attribute_not_exists(pk)' } };
}

/** The campaign replaced by `after` only while it is still what was read (same updatedAt). */
export function replaceCampaignTx(store: TenantStore, after: CampaignRecord, prevUpdatedAt: string, failWith: TxItem['failWith']): TxItem {
  return {
    Put: {
      Item: { ...campaignKey(store, after.id), ...after },
      ConditionExpression: 'attribute_exists(pk) AND updatedAt = :prev',
      ExpressionAttributeValues: { ':prev': prevUpdatedAt },
    },
    failWith,
  };
}

type Line = { villageId: string; produceId: string; priceFen: number; quantity: number };

/** The lines of an order (or of one parcel) that count toward its campaign: those of the listings recorded at checkout. */
export function campaignLinesOf<L extends Line>(o: { campaignProduceIds?: string[] }, lines: L[]): L[] {
  return o.campaignProduceIds ? lines.filter((l) => o.campaignProduceIds!.includes(l.produceId)) : lines;
}

/**
 * An attributed order's payment (sign 1) or a parcel's refund (sign −1, `lines` the parcel's):
 * its fen by village; `orders` leaves the count only with the order's last parcel.
 */
export function campaignOrderMoves(campaignId: string, lines: Line[], sign: 1 | -1, orders: number = sign): Move[] {
  const by: Record<string, number> = { orders };
  let fen = 0;
  for (const l of lines) {
    const f = l.priceFen * l.quantity;
    fen += f;
    by[VILLAGE_PREFIX + l.villageId] = (by[VILLAGE_PREFIX + l.villageId] ?? 0) + sign * f;
  }
  return [{ name: campaignCounterName(campaignId), by: { ...by, raisedFen: sign * fen, orderFen: sign * fen } }];
}

/** An attributed donation's confirmation (sign 1) or its refund (sign −1). */
export function campaignDonationMoves(campaignId: string, villageId: string, amountFen: number, sign: 1 | -1): Move[] {
  const f = sign * amountFen;
  return [{ name: campaignCounterName(campaignId), by: { raisedFen: f, donationFen: f, donations: sign, [VILLAGE_PREFIX + villageId]: f } }];
}

/** A counter item's numbers as progress (village names filled in by the caller). */
export function progressOf(item: Record<string, unknown> | undefined): Omit<CampaignProgress, 'villages'> & { villages: { villageId: string; fen: number }[] } {
  const n = (k: string) => (typeof item?.[k] === 'number' ? (item[k] as number) : 0);
  const villages = Object.entries(item ?? {})
    .filter(([k, v]) => k.startsWith(VILLAGE_PREFIX) && typeof v === 'number' && v !== 0)
    .map(([k, v]) => ({ villageId: k.slice(VILLAGE_PREFIX.length), fen: v as number }))
    .sort((a, b) => b.fen - a.fen || a.villageId.localeCompare(b.villageId));
  return { raisedFen: n('raisedFen'), orders: n('orders'), orderFen: n('orderFen'), donations: n('donations'), donationFen: n('donationFen'), villages };
}

/** The counter items of several campaigns (one BatchGet), by campaign id. */
export async function campaignCounters(store: TenantStore, ids: string[]): Promise<Map<string, Record<string, unknown>>> {
  if (ids.length === 0) return new Map();
  const items = await store.getMany<Record<string, unknown>>(ids.map((id) => counterKey(store, campaignCounterName(id))));
  return new Map(items.map((i) => [String(i.sk).slice('CAMPAIGN#'.length), i]));
}

/**
 * Villages' FUNDS items (pk FUNDS, sk <villageId>: the donations module's fundsKey), read for a
 * campaign's funds identity. Read by key here rather than through donations/store.ts: the donations
 * module moves campaign counters, so the two modules must not import each other.
 */
export async function villageFundsItems(store: TenantStore, villageIds: string[]): Promise<Record<string, unknown>[]> {
  return store.getMany<Record<string, unknown>>(villageIds.map((v) => ({ pk: store.pk('FUNDS'), sk: v })));
}
