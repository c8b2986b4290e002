import { TransactionCanceledException, ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import {
  DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  QueryCommand,
  TransactWriteCommand,
  UpdateCommand,
  BatchGetCommand,
  DeleteCommand,
  type TransactWriteCommandInput,
} from '@aws-sdk/lib-dynamodb';
import { AppError } from '../errors.js';
import { INDEXES, type IndexName } from './table.js';

export type Item = Record<string, unknown> & { pk: string; sk: string };
type TxAction = NonNullable<TransactWriteCommandInput['TransactItems']>[number];
type NoTable<T> = T extends undefined ? undefined : Omit<NonNullable<T>, 'TableName'>;

/** One action of a transaction (the table is filled in), and the error to raise if its condition fails. */
export type TxItem = {
  Put?: NoTable<TxAction['Put']>;
  Update?: NoTable<TxAction['Update']>;
  Delete?: NoTable<TxAction['Delete']>;
  ConditionCheck?: NoTable<TxAction['ConditionCheck']>;
  failWith?: AppError;
};

export type QueryInput = {
  pk: string;
  index?: IndexName;
  skBeginsWith?: string;
  skBetween?: [string, string];
  limit?: number;
  cursor?: string;
  forward?: boolean;
  filter?: { expression: string; names?: Record<string, string>; values?: Record<string, unknown> };
};

export type PageOf<T> = { items: T[]; nextCursor: string | null };

const PARTITION_ATTRS = ['pk', ...Object.values(INDEXES).map((i) => i.pk)];
const MAX_TX_ATTEMPTS = 5;

/** Transaction conflicts retried since start (benchmarks read it; nothing depends on it). */
export const transactionStats = { conflictsRetried: 0 };

/**
 * Items read, per tenant, while `enabled` (tests turn it on; off in production): a GetItem that
 * finds its item counts 1, a BatchGetItem the items it returns, a Query the items DynamoDB
 * evaluated (ScannedCount: a filtered-out item was still read). Every TenantStore also keeps its
 * own `itemsRead`.
 */
/** The table's client, as jobs that walk every tenant receive it (only stores and adapters send with it). */
export type DocumentClient = DynamoDBDocumentClient;

export const readTally = { enabled: false, byTenant: new Map<string, number>() };

/**
 * The DynamoDB client a request gets: every key it reads or writes, GSI partition keys included,
 * must start with `T#<tenantId>#`, so no query can reach another tenant's records.
 */
export class TenantStore {
  readonly prefix: string;
  private readonly allowed: string[];
  /** Items this store has read (see readTally for what counts). */
  itemsRead = 0;

  private countRead(n: number): void {
    this.itemsRead += n;
    if (readTally.enabled && n) readTally.byTenant.set(this.tenantId, (readTally.byTenant.get(this.tenantId) ?? 0) + n);
  }

  constructor(
    /** private: every read and write goes through this class's methods, which check the keys */
    private readonly doc: DynamoDBDocumentClient,
    readonly tableName: string,
    readonly tenantId: string,
    /** other namespaces this instance may touch: only `_global` (login and slug indexes) */
    private readonly alsoNamespaces: readonly string[] = [],
  ) {
    for (const id of [tenantId, ...alsoNamespaces]) {
      if (!/^[A-Za-z0-9_-]+$/.test(id)) throw new Error(`bad tenant id ${id}`);
    }
    this.prefix = `T#${tenantId}#`;
    this.allowed = [tenantId, ...alsoNamespaces].map((t) => `T#${t}#`);
  }

  /**
   * The same tenant plus the global namespace (`T#_global#`: login index, slug index, rate
   * windows), for the identity service, which writes a user and its login entry in one transaction.
   */
  withGlobalUnscoped(): TenantStore {
    return new TenantStore(this.doc, this.tableName, this.tenantId, [GLOBAL]);
  }

  /**
   * Another tenant's store on the same table (and the global namespace too, with `withGlobal`):
   * for the few flows that learn the tenant only from a global index (sign-in, a link's token).
   */
  forTenantUnscoped(tenantId: string, withGlobal = false): TenantStore {
    return new TenantStore(this.doc, this.tableName, tenantId, withGlobal ? [GLOBAL] : []);
  }

  /**
   * One conditional update of one item: false when the condition did not hold (nothing changed).
   * The expressions come from the calling store module (functions/modules/<m>/store.ts).
   */
  async updateIf(
    key: { pk: string; sk: string },
    update: { set: string; condition?: string; names?: Record<string, string>; values?: Record<string, unknown> },
  ): Promise<boolean> {
    this.assertKey(key.pk, 'pk');
    this.once.clear();
    try {
      await this.doc.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: key,
          UpdateExpression: update.set,
          ConditionExpression: update.condition,
          ExpressionAttributeNames: update.names,
          ExpressionAttributeValues: update.values,
        }),
      );
      return true;
    } catch (e) {
      if (e instanceof ConditionalCheckFailedException) return false;
      throw e;
    } finally {
      this.once.clear();
    }
  }

  /** Deletes one item (nothing when it is not there). */
  async delete(pk: string, sk: string): Promise<void> {
    this.assertKey(pk, 'pk');
    this.once.clear();
    try {
      await this.doc.send(new DeleteCommand({ TableName: this.tableName, Key: { pk, sk } }));
    } finally {
      this.once.clear();
    }
  }

  /** A key in the global namespace. */
  globalPk(...parts: string[]): string {
    return `T#${GLOBAL}#` + parts.join('#');
  }

  /** A partition key inside this tenant: pk('VILLAGE') → T#<tenant>#VILLAGE. */
  pk(...parts: string[]): string {
    return this.prefix + parts.join('#');
  }

  private assertKey(value: unknown, what: string): void {
    if (typeof value !== 'string' || !this.allowed.some((p) => value.startsWith(p))) {
      throw new Error(`tenant store refused ${what} outside tenant ${this.tenantId}: ${String(value)}`);
    }
  }

  private assertItem(item: Record<string, unknown>): void {
    for (const attr of PARTITION_ATTRS) {
      if (attr in item && item[attr] !== undefined) this.assertKey(item[attr], attr);
    }
    this.assertKey(item.pk, 'pk');
  }

  async get<T = Item>(pk: string, sk: string, consistent = true): Promise<T | null> {
    this.assertKey(pk, 'pk');
    const out = await this.doc.send(new GetCommand({ TableName: this.tableName, Key: { pk, sk }, ConsistentRead: consistent }));
    if (out.Item) this.countRead(1);
    return (out.Item as T | undefined) ?? null;
  }

  /**
   * Eventually consistent reads this store has made with `getOnce`, by key: a store serves one
   * request (or one webhook event), whose service code may ask for the same item several times (the
   * tenant record: the dashboard asked for it three times). A repeat gets the first read's answer,
   * which an eventually consistent read could have returned anyway; any write through this store
   * forgets them all, so a read after a write reads again. For stores made per request or event (the
   * tenant's, as getTenant uses it), not the few long-lived global ones.
   */
  private readonly once = new Map<string, Promise<unknown>>();

  /** An eventually consistent `get`, made once per store and key (see `once`). */
  getOnce<T = Item>(pk: string, sk: string): Promise<T | null> {
    const key = `${pk}\u0000${sk}`;
    let read = this.once.get(key) as Promise<T | null> | undefined;
    if (!read) {
      read = this.get<T>(pk, sk, false);
      this.once.set(key, read);
      const mine = read;
      read.catch(() => this.once.get(key) === mine && this.once.delete(key)); // a failed read is not remembered
    }
    // each caller its own copy of the item's top level, as if it had read it itself
    return read.then((item) => (item ? { ...item } : item));
  }

  async getMany<T = Item>(keys: { pk: string; sk: string }[]): Promise<T[]> {
    const out: T[] = [];
    const unique = [...new Map(keys.map((k) => [`${k.pk}|${k.sk}`, k])).values()];
    for (const k of unique) this.assertKey(k.pk, 'pk');
    for (let i = 0; i < unique.length; i += 100) {
      let request: Record<string, { Keys: Record<string, unknown>[] }> | undefined = {
        [this.tableName]: { Keys: unique.slice(i, i + 100) },
      };
      while (request && Object.keys(request).length) {
        const res = await this.doc.send(new BatchGetCommand({ RequestItems: request }));
        out.push(...((res.Responses?.[this.tableName] ?? []) as T[]));
        this.countRead(res.Responses?.[this.tableName]?.length ?? 0);
        request = res.UnprocessedKeys as typeof request;
      }
    }
    return out;
  }

  async put(item: Item, condition?: { expression: string; names?: Record<string, string>; values?: Record<string, unknown> }): Promise<void> {
    this.assertItem(item);
    this.once.clear();
    try {
      await this.doc.send(
        new PutCommand({
          TableName: this.tableName,
          Item: item,
          ConditionExpression: condition?.expression,
          ExpressionAttributeNames: condition?.names,
          ExpressionAttributeValues: condition?.values,
        }),
      );
    } catch (e) {
      if (e instanceof ConditionalCheckFailedException) throw new ConditionFailed();
      throw e;
    } finally {
      this.once.clear(); // and after it: a read that started while it was in flight is not kept
    }
  }

  /** ADD to a numeric attribute and return the new value (counters, rate windows). */
  async increment(pk: string, sk: string, attr: string, by: number, extra: Record<string, unknown> = {}): Promise<number> {
    this.assertKey(pk, 'pk');
    this.once.clear();
    const names: Record<string, string> = { '#a': attr };
    const values: Record<string, unknown> = { ':by': by };
    const sets = Object.keys(extra).map((k, i) => {
      names[`#e${i}`] = k;
      values[`:e${i}`] = extra[k];
      return `#e${i} = :e${i}`;
    });
    const out = await this.doc
      .send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: { pk, sk },
          UpdateExpression: `ADD #a :by${sets.length ? ` SET ${sets.join(', ')}` : ''}`,
          ExpressionAttributeNames: names,
          ExpressionAttributeValues: values,
          ReturnValues: 'UPDATED_NEW',
        }),
      )
      .finally(() => this.once.clear());
    return Number(out.Attributes?.[attr] ?? 0);
  }

  async query<T = Item>(q: QueryInput): Promise<PageOf<T>> {
    this.assertKey(q.pk, 'query pk');
    const keys = q.index ? INDEXES[q.index] : { pk: 'pk', sk: 'sk' };
    const names: Record<string, string> = { '#pk': keys.pk, ...(q.filter?.names ?? {}) };
    const values: Record<string, unknown> = { ':pk': q.pk, ...(q.filter?.values ?? {}) };
    let cond = '#pk = :pk';
    if (q.skBeginsWith !== undefined) {
      names['#sk'] = keys.sk;
      values[':skp'] = q.skBeginsWith;
      cond += ' AND begins_with(#sk, :skp)';
    } else if (q.skBetween) {
      names['#sk'] = keys.sk;
      values[':ska'] = q.skBetween[0];
      values[':skb'] = q.skBetween[1];
      cond += ' AND #sk BETWEEN :ska AND :skb';
    }
    const limit = q.limit ?? 50;
    const items: T[] = [];
    let start = q.cursor ? this.cursorOf(q, q.cursor) : undefined;
    // With a filter a page can come back short; keep reading until it is full or the data ends.
    do {
      const out = await this.doc.send(
        new QueryCommand({
          TableName: this.tableName,
          IndexName: q.index,
          KeyConditionExpression: cond,
          FilterExpression: q.filter?.expression,
          ExpressionAttributeNames: names,
          ExpressionAttributeValues: values,
          ExclusiveStartKey: start,
          Limit: q.filter ? Math.max(limit - items.length, 25) : limit - items.length,
          ScanIndexForward: q.forward ?? true,
        }),
      );
      this.countRead(out.ScannedCount ?? out.Items?.length ?? 0);
      // a filtered read may return more matches than the page has room for: those left over
      // must be reached through the cursor, not dropped
      let leftOver = false;
      for (const it of (out.Items ?? []) as T[]) {
        if (items.length < limit) items.push(it);
        else leftOver = true;
      }
      start = out.LastEvaluatedKey;
      if (items.length >= limit && (start || leftOver)) {
        // the cursor must point just after the last item returned
        const last = items[items.length - 1] as Record<string, unknown>;
        start = this.keyOf(last, q.index);
      }
    } while (start && items.length < limit);
    return { items, nextCursor: start ? this.encodeCursor(start) : null };
  }

  /** Every item of a small partition (a village's pairings): bounded by `max`. */
  async queryAll<T = Item>(q: Omit<QueryInput, 'limit' | 'cursor'>, max = 1000): Promise<T[]> {
    const all: T[] = [];
    let cursor: string | undefined;
    do {
      const page = await this.query<T>({ ...q, limit: 100, cursor });
      all.push(...page.items);
      cursor = page.nextCursor ?? undefined;
    } while (cursor && all.length < max);
    return all;
  }

  private keyOf(item: Record<string, unknown>, index?: IndexName): Record<string, unknown> {
    const key: Record<string, unknown> = { pk: item.pk, sk: item.sk };
    if (index) {
      key[INDEXES[index].pk] = item[INDEXES[index].pk];
      key[INDEXES[index].sk] = item[INDEXES[index].sk];
    }
    return key;
  }

  /**
   * A client's cursor must be a key this very query could have returned: exactly its key
   * attributes, its partition, inside its sort-key range; anything else is a 400, never a 500.
   */
  private cursorOf(q: QueryInput, cursor: string): Record<string, unknown> {
    const key = this.decodeCursor(cursor);
    const keys = q.index ? INDEXES[q.index] : { pk: 'pk', sk: 'sk' };
    const expected = new Set(['pk', 'sk', keys.pk, keys.sk]);
    const attrs = Object.keys(key);
    const sk = key[keys.sk];
    const fits =
      attrs.length === expected.size &&
      attrs.every((a) => expected.has(a)) &&
      key[keys.pk] === q.pk &&
      typeof sk === 'string' &&
      (q.skBeginsWith === undefined || sk.startsWith(q.skBeginsWith)) &&
      (!q.skBetween || (sk >= q.skBetween[0] && sk <= q.skBetween[1]));
    if (!fits) throw AppError.field('query.cursor', '分页游标无效');
    return key;
  }

  encodeCursor(key: Record<string, unknown>): string {
    return Buffer.from(JSON.stringify(key)).toString('base64url');
  }

  decodeCursor(cursor: string): Record<string, unknown> {
    let key: unknown;
    try {
      key = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    } catch {
      throw AppError.field('query.cursor', '分页游标无效');
    }
    if (!key || typeof key !== 'object' || Array.isArray(key)) throw AppError.field('query.cursor', '分页游标无效');
    const rec = key as Record<string, unknown>;
    for (const [k, v] of Object.entries(rec)) {
      if (typeof v !== 'string') throw AppError.field('query.cursor', '分页游标无效');
      if (PARTITION_ATTRS.includes(k) && !this.allowed.some((p) => v.startsWith(p))) throw AppError.field('query.cursor', '分页游标无效');
    }
    if (typeof rec.pk !== 'string') throw AppError.field('query.cursor', '分页游标无效');
    return rec;
  }

  /**
   * One TransactWriteItems. A failed condition raises the failing item's `failWith` (or a 409);
   * a transaction conflict is retried a few times with jitter, then a 409.
   */
  async transact(items: TxItem[], opts: { attempts?: number } = {}): Promise<void> {
    const maxAttempts = opts.attempts ?? MAX_TX_ATTEMPTS;
    if (items.length === 0) return;
    if (items.length > 100) throw new Error('a transaction holds at most 100 actions');
    this.once.clear();
    const actions: TxAction[] = items.map(({ failWith: _f, ...action }) => {
      const put = action.Put;
      if (put) this.assertItem(put.Item as Record<string, unknown>);
      const key = (action.Update ?? action.Delete ?? action.ConditionCheck)?.Key as Record<string, unknown> | undefined;
      if (key) this.assertKey(key.pk, 'pk');
      // a key-shaped value an update writes (a GSI partition key) must stay inside the tenant too
      for (const v of Object.values(action.Update?.ExpressionAttributeValues ?? {})) {
        if (typeof v === 'string' && v.startsWith('T#')) this.assertKey(v, 'update value');
      }
      const withTable = (part: Record<string, unknown> | undefined) => part && { ...part, TableName: this.tableName };
      return {
        Put: withTable(action.Put as Record<string, unknown>),
        Update: withTable(action.Update as Record<string, unknown>),
        Delete: withTable(action.Delete as Record<string, unknown>),
        ConditionCheck: withTable(action.ConditionCheck as Record<string, unknown>),
      } as TxAction;
    });
    for (let attempt = 1; ; attempt++) {
      try {
        await this.doc.send(new TransactWriteCommand({ TransactItems: actions })).finally(() => this.once.clear());
        return;
      } catch (e) {
        if (!(e instanceof TransactionCanceledException)) throw e;
        const reasons = e.CancellationReasons ?? [];
        const failed = reasons.findIndex((r) => r.Code === 'ConditionalCheckFailed');
        if (failed >= 0) throw items[failed].failWith ?? AppError.conflict('记录已被修改，请刷新后重试');
        const conflict = reasons.some((r) => r.Code === 'TransactionConflict');
        if (conflict && attempt < maxAttempts) {
          transactionStats.conflictsRetried += 1;
          // full jitter on a growing window: racers spread out instead of colliding again in step
          await new Promise((r) => setTimeout(r, Math.random() * Math.min(400, 25 * 2 ** attempt)));
          continue;
        }
        if (conflict) throw AppError.conflict('系统繁忙，请稍后重试');
        throw e;
      }
    }
  }
}

export const GLOBAL = '_global';

/** The global namespace alone: login look-up by email, tenant look-up by slug, rate windows. */
export function globalStoreUnscoped(doc: DynamoDBDocumentClient, tableName: string): TenantStore {
  return new TenantStore(doc, tableName, GLOBAL);
}

/** A single put's condition failed. */
export class ConditionFailed extends Error {}
