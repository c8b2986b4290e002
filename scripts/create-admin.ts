/**
 * The first platform admin of a deployed stage:
 *
 *   npm run create-admin -- --email ops@example.org --stage dev
 *
 * The user pool, its client and the table come from the stage's stack outputs in cdk-outputs.json
 * (written by `npm run deploy`; another file with --outputs <file>), or from USER_POOL_ID,
 * USER_POOL_CLIENT_ID and TABLE_NAME in the environment, which win. The password comes from
 * ADMIN_PASSWORD, or one is generated and printed once. AWS credentials: the usual SDK chain (the
 * same ones `npm run deploy` used). Run it again with the same email and it changes nothing.
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { CognitoDirectory } from '../functions/adapters/cognito-directory.js';
import { createPlatformAdmin } from '../functions/entries/admin.js';
import { weakPasswordReason } from '../functions/modules/identity/passwords.js';
import { parseStage, stackName } from '../infra/stage.js';

const required = (what: string) => z.string({ error: `missing ${what}` });
const Settings = z.object({
  email: z.email({ error: '--email: an email address' }),
  password: required('ADMIN_PASSWORD').min(10, 'ADMIN_PASSWORD: at least 10 characters'),
  userPoolId: required('the user pool id (UserPoolId output or USER_POOL_ID)').regex(
    /^[a-z]{2}(-[a-z]+)+-\d+_[0-9A-Za-z]+$/,
    'USER_POOL_ID: expected <region>_<id>',
  ),
  clientId: required('the app client id (UserPoolClientId output or USER_POOL_CLIENT_ID)').min(1),
  tableName: required('the table name (TableName output or TABLE_NAME)').min(3),
});

export async function main(argv: string[], env: NodeJS.ProcessEnv, cwd = process.cwd()): Promise<string> {
  const { values } = parseArgs({ args: argv, options: { email: { type: 'string' }, stage: { type: 'string' }, outputs: { type: 'string' } } });
  const stage = parseStage(values.stage);
  const file = path.resolve(cwd, values.outputs ?? 'cdk-outputs.json');
  const outputs: Record<string, string> = existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8'))[stackName(stage)] ?? {}) : {};
  const generated = !env.ADMIN_PASSWORD;
  const parsed = Settings.safeParse({
    email: values.email?.trim().toLowerCase(),
    password: env.ADMIN_PASSWORD ?? randomBytes(15).toString('base64url'),
    userPoolId: env.USER_POOL_ID ?? outputs.UserPoolId,
    clientId: env.USER_POOL_CLIENT_ID ?? outputs.UserPoolClientId,
    tableName: env.TABLE_NAME ?? outputs.TableName,
  });
  if (!parsed.success) {
    throw new Error(`create-admin (${stackName(stage)}, outputs ${file}): ${parsed.error.issues.map((i) => i.message).join('; ')}`);
  }
  const s = parsed.data;
  const weak = weakPasswordReason(s.email, s.password);
  if (weak) throw new Error(`create-admin: ADMIN_PASSWORD: ${weak}`);
  const region = s.userPoolId.split('_')[0];
  const doc = DynamoDBDocumentClient.from(new DynamoDBClient({ region }), {
    marshallOptions: { removeUndefinedValues: true, convertClassInstanceToMap: false },
  });
  const directory = new CognitoDirectory({ userPoolId: s.userPoolId, clientId: s.clientId });
  const result = await createPlatformAdmin(doc, s.tableName, directory, { email: s.email, password: s.password });
  if (!result.created) return `${s.email} already has a login in ${s.tableName}: nothing changed`;
  return `platform admin ${s.email} created in ${stackName(stage)} (user ${result.userId})${generated ? `; password (shown once): ${s.password}` : ''}`;
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(import.meta.dirname, 'create-admin.ts')) {
  main(process.argv.slice(2), process.env).then(
    (message) => console.log(message),
    (err: Error) => {
      console.error(err.message);
      process.exitCode = 1;
    },
  );
}
