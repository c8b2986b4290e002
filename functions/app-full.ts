import type { OpenAPIHono } from '@hono/zod-openapi';
import type { AppDeps, Env } from './http/context.js';
import { assembleApp } from './app.js';
import { qrRoutes } from './modules/shop/qr-routes.js';
import { accountRoutes } from './modules/accounts/routes.js';
import { applicationRoutes } from './modules/applications/routes.js';
import { auditRoutes } from './modules/audit/routes.js';
import { donationReviewRoutes } from './modules/donations/review-routes.js';
import { needCloseRoutes } from './modules/needs/close-routes.js';
import { exportRoutes } from './modules/exports/routes.js';
import { mfaRoutes } from './modules/identity/mfa-routes.js';
import { importRoutes } from './modules/imports/routes.js';
import { notificationRoutes } from './modules/notifications/routes.js';
import { organizationChangeRoutes } from './modules/organizations/change-routes.js';
import { settlementRoutes } from './modules/settlements/routes.js';

/**
 * The ledger routes — exports and imports (exceljs), settlements and payouts (the back office's
 * money), and the back office of people (issue 14: the bell, accounts, applications) — mounted by
 * buildApp and so by the ledger Lambda (functions/entries/ledger.ts), never by buildApiApp. They
 * live in this file, not app.ts, so the api Lambda's bundle does not even import their modules:
 * a module's schemas are built at load (side effects esbuild must keep), and the api bundle must
 * stay under 1 MB. Their routers are built in @__PURE__ factories too.
 */
export const mountLedgerRoutes = (api: OpenAPIHono<Env>) =>
  api.route('/', exportRoutes).route('/', mfaRoutes).route('/', importRoutes).route('/', settlementRoutes).route('/', notificationRoutes).route('/', accountRoutes).route('/', auditRoutes).route('/', applicationRoutes).route('/', donationReviewRoutes).route('/', needCloseRoutes).route('/', organizationChangeRoutes).route('/', qrRoutes);

/** The whole API as one Hono app (local mode, tests, the ledger function); on AWS the api Lambda serves all but the ledger routes. */
export function buildApp(deps: AppDeps) {
  return assembleApp(deps, mountLedgerRoutes);
}

/**
 * For types only (never called): the full app as the typed web client sees it. buildApp mounts the
 * ledger routes through mountLedgerRoutes, whose routers' types do not flow into its own; the
 * ones the web calls are added back here.
 */
const typedApp = (deps: AppDeps) =>
  buildApp(deps).route('/api', settlementRoutes).route('/api', mfaRoutes).route('/api', notificationRoutes).route('/api', accountRoutes).route('/api', auditRoutes).route('/api', applicationRoutes).route('/api', donationReviewRoutes).route('/api', needCloseRoutes).route('/api', organizationChangeRoutes);
export type AppType = ReturnType<typeof typedApp>;
