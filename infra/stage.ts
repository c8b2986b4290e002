/**
 * Deployment stages, chosen by context (`--context stage=dev|prod`). Plain data: no aws-cdk-lib import.
 * prod keeps its data: the table and the user pool are retained on stack deletion and protected
 * against deletion; dev is disposable: both go with the stack. Nothing here names an account.
 */
export const STAGES = ['dev', 'prod'] as const;
export type Stage = (typeof STAGES)[number];

/** The stage named by the `stage` context value; `dev` when none is given, an Error for anything else. */
export function parseStage(value: unknown): Stage {
  if (value === undefined || value === null || value === '') return 'dev';
  if (typeof value === 'string' && (STAGES as readonly string[]).includes(value)) return value as Stage;
  throw new Error(`unknown stage ${JSON.stringify(value)}: use --context stage=dev or --context stage=prod`);
}

/** One stack per stage, side by side in one account: Bangfu-dev, Bangfu-prod. */
export const stackName = (stage: Stage) => `Bangfu-${stage}`;

/** Whether the stage's data outlives the stack (retain + deletion protection). */
export const keepsData = (stage: Stage) => stage === 'prod';

/** `--context k=v` / `-c k=v` from the command line, when this file runs without the CDK CLI. */
export function contextFromArgv(argv: string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const inline = /^--context=(.*)$/.exec(arg);
    const pair = inline ? inline[1] : arg === '--context' || arg === '-c' ? argv[++i] : undefined;
    if (pair === undefined) continue;
    const eq = pair.indexOf('=');
    if (eq <= 0) throw new Error(`bad context ${JSON.stringify(pair)}: expected key=value`);
    out[pair.slice(0, eq)] = pair.slice(eq + 1);
  }
  return out;
}
