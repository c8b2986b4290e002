/**
 * The bench's preload for the real server (what `npm start` runs), injected from outside so the
 * product code carries no bench hooks:
 *
 *   node --import tsx --import ./tests/bench/db-trace.ts functions/entries/local.ts
 *
 * spawned with an 'ipc' stdio slot (serialization 'advanced'; tests/bench/server.ts startServer).
 * It wraps DynamoDBDocumentClient.prototype.send — the same module instance local.ts's client comes
 * from (@aws-sdk/lib-dynamodb has no exports map: both resolve to its dist-cjs, one require cache)
 * — and answers the bench's messages `{ id, cmd }`:
 *
 *   start  record every DynamoDB call an HTTP request makes from now on (command name, input, start
 *          and end time), meter it (ReturnConsumedCapacity TOTAL added, units and items counted) and
 *          tally the items the tenant stores read (functions/store/tenant-store.ts readTally)
 *   stop   end that and return { recs, meter, tally }
 *   stats  { conflictsRetried } (the TransactionConflicts the store retried, since the start)
 *   heap   two forced full GCs, then the process's memory (MB)
 *
 * Only calls made inside an HTTP request count (an AsyncLocalStorage entered per 'request' event
 * while recording): the hold sweeper's timer and the bench's own traffic never land in a record.
 * While not recording, the wrapper only checks a flag: the server runs the product's calls as they are.
 */
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { AsyncLocalStorage } from 'node:async_hooks';
import { Server } from 'node:http';
import { getHeapStatistics, setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { readTally, transactionStats } from '../../functions/store/tenant-store.js';

export type TraceRec = { name: string; input: any; t0: number; t1: number };
export type Meter = { rru: number; wru: number; items: number; calls: number };
export type TraceResult = { recs: TraceRec[]; meter: Meter; tally: Record<string, number> };
export type HeapProbe = { rssMB: number; heapUsedMB: number; heapTotalMB: number; externalMB: number; arrayBuffersMB: number; mallocedMB: number };

const READS = new Set(['GetCommand', 'QueryCommand', 'ScanCommand', 'BatchGetCommand', 'TransactGetCommand']);
const CAPACITY = new Set([...READS, 'PutCommand', 'UpdateCommand', 'DeleteCommand', 'BatchWriteCommand', 'TransactWriteCommand']);

let recs: TraceRec[] | null = null;
let meter: Meter | null = null;
const inRequest = new AsyncLocalStorage<true>();

if (process.send) {
  // every HTTP request of the server runs inside `inRequest` while the bench records
  const emit = Server.prototype.emit as (this: Server, event: string | symbol, ...args: unknown[]) => boolean;
  (Server.prototype as any).emit = function (this: Server, event: string | symbol, ...args: unknown[]) {
    if (event === 'request' && recs) return inRequest.run(true, () => emit.call(this, event, ...args));
    return emit.call(this, event, ...args);
  };

  const send = DynamoDBDocumentClient.prototype.send as (this: DynamoDBDocumentClient, cmd: any, ...rest: unknown[]) => Promise<any>;
  (DynamoDBDocumentClient.prototype as any).send = async function (this: DynamoDBDocumentClient, cmd: any, ...rest: unknown[]) {
    if (!recs || !meter || !inRequest.getStore() || rest.length) return send.call(this, cmd, ...rest);
    const name: string = cmd.constructor.name;
    const input = structuredClone(cmd.input); // as the product sent it (the replay sends it again)
    if (CAPACITY.has(name) && cmd.input && !cmd.input.ReturnConsumedCapacity) cmd.input.ReturnConsumedCapacity = 'TOTAL';
    const t0 = performance.now();
    const out = await send.call(this, cmd);
    const t1 = performance.now();
    if (!recs || !meter) return out;
    recs.push({ name, input, t0, t1 });
    meter.calls++;
    const cc = out?.ConsumedCapacity;
    const units = (Array.isArray(cc) ? cc : cc ? [cc] : []).reduce((a: number, c: any) => a + (c.CapacityUnits ?? 0), 0);
    if (READS.has(name)) meter.rru += units;
    else meter.wru += units;
    // items READ (what DynamoDB reads and bills), before any filter: ScannedCount, not Count
    if (name === 'QueryCommand' || name === 'ScanCommand') meter.items += out.ScannedCount ?? out.Count ?? 0;
    else if (name === 'GetCommand') meter.items += out.Item ? 1 : 0;
    else if (name === 'BatchGetCommand') meter.items += Object.values(out.Responses ?? {}).reduce((a: number, v: any) => a + v.length, 0);
    else if (name === 'TransactGetCommand') meter.items += (out.Responses ?? []).filter((r: any) => r.Item).length;
    return out;
  };

  setFlagsFromString('--expose-gc');
  const gc = runInNewContext('gc') as () => void;
  const mb = (n: number) => Math.round((n / 2 ** 20) * 10) / 10;
  const conflictsAtStart = transactionStats.conflictsRetried;

  const answer = (cmd: string): unknown => {
    switch (cmd) {
      case 'start':
        recs = [];
        meter = { rru: 0, wru: 0, items: 0, calls: 0 };
        readTally.byTenant.clear();
        readTally.enabled = true;
        return null;
      case 'stop': {
        const out: TraceResult = { recs: recs ?? [], meter: meter ?? { rru: 0, wru: 0, items: 0, calls: 0 }, tally: Object.fromEntries(readTally.byTenant) };
        recs = null;
        meter = null;
        readTally.enabled = false;
        return out;
      }
      case 'stats':
        return { conflictsRetried: transactionStats.conflictsRetried - conflictsAtStart };
      case 'heap': {
        gc();
        gc();
        const m = process.memoryUsage();
        return {
          rssMB: mb(m.rss),
          heapUsedMB: mb(m.heapUsed),
          heapTotalMB: mb(m.heapTotal),
          externalMB: mb(m.external),
          arrayBuffersMB: mb(m.arrayBuffers),
          mallocedMB: mb(getHeapStatistics().malloced_memory),
        } satisfies HeapProbe;
      }
      default:
        throw new Error(`db-trace: unknown command ${cmd}`);
    }
  };
  process.on('message', (m: { id: number; cmd: string }) => {
    try {
      process.send!({ id: m.id, ok: true, value: answer(m.cmd) });
    } catch (e) {
      process.send!({ id: m.id, ok: false, error: String(e) });
    }
  });
  // the IPC channel does not keep the server alive; the bench gone (crashed, killed) stops it, database and all
  process.channel?.unref();
  process.once('disconnect', () => process.kill(process.pid, 'SIGTERM'));
}
