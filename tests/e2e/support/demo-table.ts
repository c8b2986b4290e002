import { CreateTableCommand, ResourceInUseException } from '@aws-sdk/client-dynamodb';
import { BatchWriteCommand, GetCommand, PutCommand, ScanCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { cpSync, existsSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { inject } from 'vitest';
import { LocalFileStore } from '../../../functions/adapters/files.js';
import { documentClient, dynamoClient } from '../../../functions/adapters/dynamo-local.js';
import { loadDemoData } from '../../../functions/demo/load.js';
import { ensureTable } from '../../../functions/store/table.js';

// The demo data for the e2e servers, loaded once per run (per Beijing day) by the demo loader into a
// template table of the run's DynamoDB Local, and copied item by item into each server's own table.
// The loader is the one `npm start` runs (functions/demo/load.ts), so a copy holds what the server
// would have loaded itself; the server's own loadDemoData then finds its markers and adds nothing.
// The files it stores (the listings' photos, under DATA_DIR/files as `npm start` keeps them) go to
// a template folder, copied into each server's DATA_DIR.

/** The template's files, by the run's DynamoDB Local port (global-setup.ts removes them at the end). */
export const demoFilesDir = (endpoint: string, day: string) => path.join(tmpdir(), `bangfu-demo-files-${new URL(endpoint).port}-${day}`);

/** The run's DynamoDB Local (tests/support/global-setup.ts), or undefined outside vitest. */
export function sharedDynamo(): string | undefined {
  try {
    return inject('dynamoEndpoint') || undefined;
  } catch {
    return undefined;
  }
}

let tables = 0;

/** A fresh table for one server in the shared DynamoDB Local, with the demo data (and its files in `dataDir`) when asked. */
export async function serverTable(endpoint: string, demo: boolean, dataDir: string): Promise<string> {
  const client = dynamoClient(endpoint);
  const doc = documentClient(client);
  try {
    const name = `e2e_${process.pid}_${Date.now().toString(36)}_${tables++}`;
    await ensureTable(client, name);
    if (demo) {
      const template = await demoTemplate(endpoint);
      await copyItems(doc, template.table, name);
      if (existsSync(template.files)) cpSync(template.files, path.join(dataDir, 'files'), { recursive: true });
    }
    return name;
  } finally {
    client.destroy();
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * The template's name, loaded by whichever worker asks first: creating the lock table is atomic in
 * DynamoDB (a second CreateTable of one name fails), so exactly one loads; the others wait for its
 * READY item. Keyed by the day in Beijing and UTC, as the demo data is dated relative to today.
 */
async function demoTemplate(endpoint: string): Promise<{ table: string; files: string }> {
  const now = new Date();
  const day = `${now.toISOString().slice(0, 10)}_${new Date(now.getTime() + 8 * 3_600_000).toISOString().slice(0, 10)}`.replaceAll('-', '');
  const name = `demo_template_${day}`;
  const lock = `${name}_lock`;
  const files = demoFilesDir(endpoint, day);
  const client = dynamoClient(endpoint);
  const doc = documentClient(client);
  try {
    let mine = true;
    try {
      await client.send(
        new CreateTableCommand({
          TableName: lock,
          BillingMode: 'PAY_PER_REQUEST',
          AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }],
          KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }],
        }),
      );
    } catch (e) {
      if (!(e instanceof ResourceInUseException) && (e as Error).name !== 'ResourceInUseException') throw e;
      mine = false;
    }
    if (mine) {
      try {
        await ensureTable(client, name);
        mkdirSync(files, { recursive: true });
        await loadDemoData(doc, name, new LocalFileStore(files));
        await doc.send(new PutCommand({ TableName: lock, Item: { pk: 'READY' } }));
      } catch (e) {
        await doc.send(new PutCommand({ TableName: lock, Item: { pk: 'FAILED', error: String((e as Error).stack ?? e) } })).catch(() => undefined);
        throw e;
      }
      return { table: name, files };
    }
    const deadline = Date.now() + 180_000;
    for (;;) {
      const ready = await doc.send(new GetCommand({ TableName: lock, Key: { pk: 'READY' }, ConsistentRead: true })).catch(() => undefined);
      if (ready?.Item) return { table: name, files };
      const failed = await doc.send(new GetCommand({ TableName: lock, Key: { pk: 'FAILED' }, ConsistentRead: true })).catch(() => undefined);
      if (failed?.Item) throw new Error(`the demo template failed to load in another worker:\n${failed.Item.error}`);
      if (Date.now() > deadline) throw new Error('the demo template was not ready in 180 s');
      await sleep(200);
    }
  } finally {
    client.destroy();
  }
}

/** Every item of `from` into `to` (a parallel Scan, BatchWrite 25 at a time, unprocessed items retried). */
async function copyItems(doc: DynamoDBDocumentClient, from: string, to: string): Promise<void> {
  const SEGMENTS = 4;
  await Promise.all(
    Array.from({ length: SEGMENTS }, async (_, segment) => {
      let start: Record<string, unknown> | undefined;
      do {
        const page = await doc.send(
          new ScanCommand({ TableName: from, Segment: segment, TotalSegments: SEGMENTS, ExclusiveStartKey: start, ConsistentRead: true }),
        );
        const items = page.Items ?? [];
        for (let i = 0; i < items.length; i += 25) {
          let requests = items.slice(i, i + 25).map((Item) => ({ PutRequest: { Item } }));
          for (let attempt = 0; requests.length > 0; attempt++) {
            if (attempt > 20) throw new Error(`copying the demo data: ${requests.length} items left unprocessed`);
            if (attempt > 0) await sleep(50 * attempt);
            const res = await doc.send(new BatchWriteCommand({ RequestItems: { [to]: requests } }));
            requests = (res.UnprocessedItems?.[to] ?? []) as typeof requests;
          }
        }
        start = page.LastEvaluatedKey;
      } while (start);
    }),
  );
}
