/**
 * `npm start`: DynamoDB Local (files in DATA_DIR), the table, the demo data once, and the web app
 * and API on PORT, on the loopback interface unless HOST says otherwise. DynamoDB
 * Local's jar has no bind-address option: it listens on every interface, on a random high port
 * (README, "Local mode's network").
 */
import { serve, type ServerType } from '@hono/node-server';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { Hono } from 'hono';
import { z } from 'zod';
import { startDynamoLocal } from '../adapters/dynamo-local.js';
import { buildApp } from '../app-full.js';
import { demoLogins, ensurePlatformAdmin, loadDemoData } from '../demo/load.js';
import { DEMO_PASSWORD } from '../demo/data.js';
import { releaseExpiredHoldsEverywhereUnscoped } from '../modules/orders/sweeper.js';
import { runMigrationsEverywhereUnscoped } from './migrations.js';
import { localDeps } from './runtime.js';
import { startMailSink, type MailSink } from '../adapters/mail-sink.js';
import { SmtpMailer } from '../adapters/mail-smtp.js';
import { devMailRoutes } from '../http/dev-mail.js';
import { deliverEverywhereUnscoped, type DeliveryDeps } from '../modules/notifications/worker.js';
import { remindEverywhereUnscoped } from '../modules/notifications/reminders.js';
import { securityHeadersWithLeanAssets } from '../http/security-headers.js';
import { webStaticRoutes } from '../http/web-static.js';
import { sharePageUnscoped } from '../http/share-meta.js';
import type { RateLimits } from '../http/context.js';
import { logger } from '../adapters/logger.js';

const Config = z
  .object({
    PORT: z.coerce.number().int().min(1).max(65535).default(3000),
    /**
     * the address to listen on: default the loopback interface only (127.0.0.1, and ::1 beside it so
     * `localhost` works either way); `HOST=0.0.0.0` serves the whole network, on purpose
     */
    HOST: z.string().min(1).optional(),
    DATA_DIR: z.string().min(1).default('.data'),
    DEMO_DATA: z.enum(['0', '1']).default('1'),
    /** the web app's public address for links and QR codes (default: each request's own origin) */
    PUBLIC_URL: z.url().optional(),
    CHECKOUT_TTL_SECONDS: z.coerce.number().int().min(60).max(86_400).default(1800),
    /** both set: real Stripe Checkout (test mode keys) instead of the local checkout page */
    STRIPE_SECRET_KEY: z
      .string()
      .regex(/^(sk|rk)_(test|live)_\w+$/)
      .optional(),
    STRIPE_WEBHOOK_SECRET: z
      .string()
      .regex(/^whsec_\w+$/)
      .optional(),
    /**
     * `relaxed`: every per-client and per-email rate limit raised to 10,000,000, for one machine
     * loading itself from 127.0.0.1 (the bench: every request is one "client"); default the product's limits
     */
    RATE_LIMITS: z.enum(['default', 'relaxed']).default('default'),
    /** how often the local worker delivers the notification outbox (ms); the crash test sets it long */
    OUTBOX_POLL_MS: z.coerce.number().int().min(50).max(3_600_000).default(1000),
    /**
     * tests only: an already-running DynamoDB Local (the test run's, tests/support/global-setup.ts) instead
     * of starting one under DATA_DIR; unset (`npm start`), the server starts its own as before
     */
    DYNAMODB_ENDPOINT: z.url().optional(),
    /** the table's name in that DynamoDB (default `bangfu`); tests give each server its own */
    DYNAMODB_TABLE: z
      .string()
      .regex(/^[\w.-]{3,255}$/)
      .optional(),
  })
  .refine((e) => !e.STRIPE_SECRET_KEY === !e.STRIPE_WEBHOOK_SECRET, {
    message: 'set STRIPE_SECRET_KEY and STRIPE_WEBHOOK_SECRET together',
    path: ['STRIPE_WEBHOOK_SECRET'],
  });

/** RATE_LIMITS=relaxed: the login window stays, every count is out of reach. */
const RELAXED_RATE_LIMITS: Partial<RateLimits> = {
  loginAttemptsPerClient: 10_000_000,
  loginFailuresPerEmail: 10_000_000,
  concernsPerClientPerMinute: 10_000_000,
  concernStatusReadsPerClientPerMinute: 10_000_000,
  checkoutsPerClientPerMinute: 10_000_000,
  donationsPerClientPerMinute: 10_000_000,
};

/** How often the local sweeper releases expired holds (EventBridge Scheduler's minute on AWS). */
const SWEEP_EVERY_MS = 60_000;

async function main() {
  const parsed = Config.safeParse(process.env);
  if (!parsed.success) {
    console.error('环境变量有误 / bad environment:', parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '));
    process.exit(1);
  }
  const env = parsed.data;
  const started = Date.now();
  const dataDir = path.resolve(env.DATA_DIR);
  // the signals are ours from the first moment: a Ctrl-C or SIGTERM while DynamoDB Local is still
  // starting stops it too, rather than leaving the default handler to exit around a running Java
  let stopping = false;
  let sweeper: NodeJS.Timeout | undefined;
  let outbox: NodeJS.Timeout | undefined;
  let sink: MailSink | undefined;
  const servers: ServerType[] = [];
  const starting = new AbortController();
  let db: { endpoint: string; stop: () => Promise<void> } | undefined;
  let dbStarting: Promise<unknown> = Promise.resolve();
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`\n${signal}: stopping…`);
    starting.abort();
    clearInterval(sweeper);
    clearTimeout(outbox);
    // no new connections, and the open ones (keep-alive, a browser's) closed, so the port is free at once
    for (const s of servers) {
      s.close();
      if ('closeAllConnections' in s) s.closeAllConnections();
    }
    await sink?.stop().catch(() => undefined);
    // a start cut short stops its own Java: wait for that, so nothing outlives this process
    await dbStarting.catch(() => undefined);
    await db?.stop();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGHUP', () => void stop('SIGHUP'));
  try {
    const start = env.DYNAMODB_ENDPOINT
      ? Promise.resolve({ endpoint: env.DYNAMODB_ENDPOINT, stop: async () => undefined }) // not ours to stop
      : startDynamoLocal({ dataDir: path.join(dataDir, 'dynamodb'), signal: starting.signal });
    dbStarting = start;
    db = await start;
  } catch (e) {
    if (stopping) return; // the signal's stop finishes the job
    console.error(`数据库未能启动 / the database did not start: ${(e as Error).message}`);
    process.exit(1);
  }
  try {
    const deps = await localDeps({
      endpoint: db.endpoint,
      dataDir,
      tableName: env.DYNAMODB_TABLE,
      publicUrl: env.PUBLIC_URL,
      checkoutTtlSeconds: env.CHECKOUT_TTL_SECONDS,
      rateLimits: env.RATE_LIMITS === 'relaxed' ? RELAXED_RATE_LIMITS : undefined,
      stripe: env.STRIPE_SECRET_KEY && env.STRIPE_WEBHOOK_SECRET ? { secretKey: env.STRIPE_SECRET_KEY, webhookSecret: env.STRIPE_WEBHOOK_SECRET } : undefined,
    });
    if (env.DEMO_DATA === '1') await loadDemoData(deps.doc, deps.tableName, deps.files);
    else await ensurePlatformAdmin(deps.doc, deps.tableName);
    // the one-off migrations (a DATA_DIR from before the dashboard's counter items): each tenant once, behind a marker
    for (const m of await runMigrationsEverywhereUnscoped(deps.doc, deps.tableName, deps.clock())) {
      if (m.changed > 0) console.log(`migration ${m.name}: ${m.changed} tenant(s) migrated once`);
    }

    // the mail: an SMTP sink on a free loopback port, its messages as .eml files under DATA_DIR/mail,
    // listed on /dev/mail; the notification outbox delivered by a timer (a stream and a schedule on AWS)
    const mailDir = path.join(dataDir, 'mail');
    sink = await startMailSink({ dir: mailDir });
    const delivery: DeliveryDeps = {
      doc: deps.doc,
      tableName: deps.tableName,
      mailer: new SmtpMailer({ port: sink.port }),
      publicUrl: env.PUBLIC_URL ?? `http://localhost:${env.PORT}`,
      clock: deps.clock,
    };
    const deliver = async () => {
      try {
        const r = await deliverEverywhereUnscoped(delivery);
        if (r.failed > 0) logger.error('job failed', { job: 'deliver-notifications', ...r });
      } catch (e) {
        logger.error('job failed', { job: 'deliver-notifications', error: e });
      }
      if (!stopping) outbox = setTimeout(deliver, env.OUTBOX_POLL_MS);
    };
    outbox = setTimeout(deliver, env.OUTBOX_POLL_MS);

    const api = buildApp(deps);
    const root = new Hono();
    // the web app's index.html and static files carry the same CSP and headers as the API (its hashed
    // /assets/* files without the headers that only a document reads)
    root.use('*', securityHeadersWithLeanAssets);
    // local only (never on AWS): what was mailed
    root.route('/', devMailRoutes(mailDir));
    root.route('/', api);
    const dist = path.resolve('web/dist');
    if (existsSync(path.join(dist, 'index.html'))) {
      // web/dist compressed (br/gzip) and cached as CloudFront does: /assets/* a year, index.html never;
      // the single-page app answers every other GET (the checkout page's POST <checkoutUrl>/pay|cancel
      // were routed to the API above, before any of this)
      // (best-quality brotli made once per build, kept in node_modules/.cache/bangfu-web across restarts)
      // (a listing's, a village's and the transparency page's index.html carry their share tags: share-meta.ts)
      root.route(
        '/',
        webStaticRoutes(dist, {
          cacheDir: path.resolve('node_modules/.cache/bangfu-web'),
          sharePage: (p, origin) => sharePageUnscoped(deps, origin, p),
          publicUrl: env.PUBLIC_URL,
        }),
      );
    }
    // the sweeper: holds past their expiry go back on sale within a minute even if nobody buys
    sweeper = setInterval(() => {
      releaseExpiredHoldsEverywhereUnscoped(deps.doc, deps.tableName, deps.clock()).then(
        (r) => r.released > 0 && console.log(`sweeper: ${r.released} expired checkout(s) released`),
        (e) => logger.error('job failed', { job: 'release-expired-holds', error: e }),
      );
      // the weekly-report reminders and ladder warnings, each tenant at its own times (once each)
      remindEverywhereUnscoped(deps.doc, deps.tableName, deps.clock()).then(
        (r) => r.reminders + r.warnings > 0 && console.log(`reminders: ${r.reminders} report reminder(s), ${r.warnings} ladder warning(s)`),
        (e) => logger.error('job failed', { job: 'report-reminders', error: e }),
      );
    }, SWEEP_EVERY_MS);
    if (stopping) return; // a signal during the start: do not open the port on the way out
    const hostname = env.HOST ?? '127.0.0.1';
    if (!env.HOST) {
      // localhost may resolve to ::1 first: listen there too, where the machine has IPv6 loopback
      const v6 = serve({ fetch: root.fetch, port: env.PORT, hostname: '::1' });
      v6.on('error', () => undefined);
      servers.push(v6);
    }
    servers.push(
      serve({ fetch: root.fetch, port: env.PORT, hostname }, (info) => {
        const url = `http://localhost:${info.port}`;
        if (env.HOST) console.log(`listening on ${env.HOST}:${info.port} (HOST)`);
        console.log(`\n帮扶通 Bangfu is running at ${url}  (ready in ${((Date.now() - started) / 1000).toFixed(1)} s)`);
        console.log(`mail: ${url}/dev/mail  (SMTP sink on 127.0.0.1:${sink!.port}, files in ${mailDir})`);
        if (env.DEMO_DATA === '1') console.log(`join: ${url}/join/qingshui  (an organization applies; the bureau reviews under 入驻申请)`);
        console.log(
          `data: ${dataDir}   demo data: ${env.DEMO_DATA === '1' ? 'loaded' : 'off'}   payments: ${deps.payments.mode === 'stripe' ? 'Stripe (test keys)' : 'local checkout page'}${env.RATE_LIMITS === 'relaxed' ? '   rate limits: relaxed' : ''}`,
        );
        console.log(`\nDemo logins (password ${DEMO_PASSWORD}):`);
        const logins = env.DEMO_DATA === '1' ? demoLogins() : demoLogins().slice(0, 1);
        for (const l of logins) console.log(`  ${l.email.padEnd(24)} ${l.role.padEnd(15)} ${l.organization ?? l.tenant}`);
        console.log('\nCtrl-C (or SIGTERM) stops the server and the database.');
      }),
    );
  } catch (e) {
    if (stopping) return;
    console.error(e);
    await db.stop();
    process.exit(1);
  }
}

void main();
