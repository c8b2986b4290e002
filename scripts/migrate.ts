/**
 * The one-off data migrations, against a deployed stage's table or a DynamoDB Local:
 *
 *   npm run migrate -- --context stage=prod            the stage's table (AWS credentials: the usual SDK chain)
 *   npm run migrate -- --endpoint http://127.0.0.1:8000 [--table bangfu]   a DynamoDB Local (`npm start`'s)
 *
 * The migrations (functions/entries/migrations.ts) run per tenant behind a marker item, so a run does
 * each tenant once and a second run changes nothing; `npm start` runs the same ones at every start.
 * The table: --table or TABLE_NAME; with --endpoint (or DYNAMODB_ENDPOINT) and no stage, local
 * mode's table (DYNAMODB_TABLE, default `bangfu`); otherwise the stage's stack output TableName in
 * cdk-outputs.json (`npm run deploy` writes it; another file with --outputs), else the one table in
 * the account and region whose name CloudFormation gave the stack's Data table (`Bangfu-<stage>-Data…`).
 */
import { DescribeTableCommand, ListTablesCommand, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { makeDynamoClient } from '../functions/adapters/dynamo-client.js';
import { documentClient, dynamoClient } from '../functions/adapters/dynamo-local.js';
import { MIGRATIONS, runMigrationsEverywhereUnscoped, type MigrationResult } from '../functions/entries/migrations.js';
import { parseStage, stackName } from '../infra/stage.js';

export type Target = { tableName: string; from: string; endpoint?: string; stage?: string };

/** Which table, on which endpoint, and how it was found (printed, so a run says what it touched). */
export async function resolveTarget(
  argv: string[],
  env: NodeJS.ProcessEnv,
  client: (endpoint?: string) => DynamoDBClient,
  cwd = process.cwd(),
): Promise<Target> {
  const { values } = parseArgs({
    args: argv,
    options: { context: { type: 'string', short: 'c', multiple: true }, endpoint: { type: 'string' }, table: { type: 'string' }, outputs: { type: 'string' } },
  });
  const context: Record<string, string> = {};
  for (const pair of values.context ?? []) {
    const eq = pair.indexOf('=');
    if (eq <= 0) throw new Error(`bad --context ${JSON.stringify(pair)}: expected key=value, e.g. --context stage=prod`);
    context[pair.slice(0, eq)] = pair.slice(eq + 1);
  }
  const endpoint = values.endpoint ?? env.DYNAMODB_ENDPOINT;
  const named = values.table ?? env.TABLE_NAME;
  if (named) return { tableName: named, from: values.table ? '--table' : 'TABLE_NAME', endpoint };
  if (endpoint && context.stage === undefined)
    return { tableName: env.DYNAMODB_TABLE ?? 'bangfu', from: env.DYNAMODB_TABLE ? 'DYNAMODB_TABLE' : "local mode's default", endpoint };
  const stage = parseStage(context.stage);
  const stack = stackName(stage);
  const file = path.resolve(cwd, values.outputs ?? 'cdk-outputs.json');
  const fromOutputs = existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8'))[stack]?.TableName as string | undefined) : undefined;
  if (fromOutputs) return { tableName: fromOutputs, from: `${path.basename(file)} (${stack}.TableName)`, endpoint, stage };
  // CloudFormation names the stack's table <stack>-Data<Table id><hash>-<suffix>
  const prefix = `${stack}-Data`;
  const found: string[] = [];
  let start: string | undefined;
  const c = client(endpoint);
  try {
    do {
      const page = await c.send(new ListTablesCommand({ ExclusiveStartTableName: start }));
      found.push(...(page.TableNames ?? []).filter((n) => n.startsWith(prefix)));
      start = page.LastEvaluatedTableName;
    } while (start);
  } finally {
    c.destroy();
  }
  if (found.length !== 1) {
    throw new Error(
      `migrate: no table for ${stack}: no ${file} with ${stack}.TableName, and ${found.length === 0 ? `no table named ${prefix}…` : `${found.length} tables named ${prefix}… (${found.join(', ')})`} in this account and region; name it with --table or TABLE_NAME`,
    );
  }
  return { tableName: found[0], from: `the account's tables (${prefix}…)`, endpoint, stage };
}

export async function main(argv: string[], env: NodeJS.ProcessEnv, print: (line: string) => void = console.log): Promise<MigrationResult[]> {
  const client = (endpoint?: string) => (endpoint ? dynamoClient(endpoint) : makeDynamoClient());
  const target = await resolveTarget(argv, env, client);
  const c = client(target.endpoint);
  try {
    try {
      await c.send(new DescribeTableCommand({ TableName: target.tableName }));
    } catch (e) {
      throw new Error(
        `migrate: table ${target.tableName} (from ${target.from}) cannot be read${target.endpoint ? ` at ${target.endpoint}` : ''}: ${(e as Error).message}`,
        { cause: e },
      );
    }
    print(`migrate: table ${target.tableName} (from ${target.from})${target.endpoint ? ` at ${target.endpoint}` : ''}; ${MIGRATIONS.length} migrations`);
    const results = await runMigrationsEverywhereUnscoped(documentClient(c), target.tableName, new Date());
    for (const r of results) print(`  ${r.name}: ${r.changed} tenant(s) migrated, ${r.done} already done (${r.what})`);
    return results;
  } finally {
    c.destroy();
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(import.meta.dirname, 'migrate.ts')) {
  main(process.argv.slice(2), process.env).then(
    () => undefined,
    (err: Error) => {
      console.error(err.message);
      process.exitCode = 1;
    },
  );
}
