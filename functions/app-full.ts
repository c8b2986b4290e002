import type { OpenAPIHono } from '@hono/zod-openapi';
import type { AppDeps, Env } from './http/context.js';
import { assembleApp } from './app.js';
import { qrRoutes } from './modules/shop/qr-routes.js';
import { accountRoutes } from './modules/accounts/routes.js';
import { applicationRoutes } from './modules/applications/routes.js';
import { assessmentRoutes } from './modules/assessments/routes.js';
import { auditRoutes } from './modules/audit/routes.js';
import { campaignRoutes } from './modules/campaigns/routes.js';
import { commitmentRoutes } from './modules/commitments/routes.js';
import { concernRoutes } from './modules/concerns/routes.js';
import { donationReviewRoutes } from './modules/donations/review-routes.js';
import { needCloseRoutes } from './modules/needs/close-routes.js';
import { exportRoutes } from './modules/exports/routes.js';
import { expenditureRoutes } from './modules/expenditures/routes.js';
import { mfaRoutes } from './modules/identity/mfa-routes.js';
import { importRoutes } from './modules/imports/routes.js';
import { notificationRoutes } from './modules/notifications/routes.js';
import { organizationChangeRoutes } from './modules/organizations/change-routes.js';
import { recognitionRoutes } from './modules/recognition/routes.js';
import { settlementRoutes } from './modules/settlements/routes.js';
import { publicStoryRoutes } from './modules/stories/public-routes.js';
import { storyRoutes } from './modules/stories/routes.js';

/**
 * The ledger routes — exports and imports (exceljs), settlements and payouts (the back office's
 * money), the back office of people (the bell, accounts, applications), and the rarely used
 * back-office pages (commitments, expenditures and village funds, concerns, recognition) — mounted by
 * buildApp and so by the ledger Lambda (functions/entries/ledger.ts), never by buildApiApp. They
 * live in this file, not app.ts, so the api Lambda's bundle does not even import their modules:
 * a module's schemas are built at load (side effects esbuild must keep), and the api bundle must
 * stay under 800,000 B (tests/bench/bundle-size.ts API_BUNDLE_LIMIT). Their routers are built in
 * @__PURE__ factories too.
 */
export const mountLedgerRoutes = (api: OpenAPIHono<Env>) =>
  api
    .route('/', exportRoutes)
    .route('/', mfaRoutes)
    .route('/', importRoutes)
    .route('/', settlementRoutes)
    .route('/', notificationRoutes)
    .route('/', accountRoutes)
    .route('/', auditRoutes)
    .route('/', applicationRoutes)
    .route('/', donationReviewRoutes)
    .route('/', needCloseRoutes)
    .route('/', organizationChangeRoutes)
    .route('/', qrRoutes)
    .route('/', commitmentRoutes)
    .route('/', campaignRoutes)
    .route('/', storyRoutes)
    .route('/', publicStoryRoutes)
    .route('/', expenditureRoutes)
    .route('/', concernRoutes)
    .route('/', recognitionRoutes)
    .route('/', assessmentRoutes);

/** The whole API as one Hono app (local mode, tests, the ledger function); on AWS the api Lambda serves all but the ledger routes. */
export function buildApp(deps: AppDeps) {
  return assembleApp(deps, mountLedgerRoutes);
}

/**
 * For types only (never called): the full app as the typed web client sees it. buildApp mounts the
 * ledger routes through mountLedgerRoutes, whose routers' types do not flow into its own; the
 * ones the web calls are added back here.
 */
const _typedApp = (deps: AppDeps) =>
  buildApp(deps)
    .route('/api', settlementRoutes)
    .route('/api', mfaRoutes)
    .route('/api', notificationRoutes)
    .route('/api', accountRoutes)
    .route('/api', auditRoutes)
    .route('/api', applicationRoutes)
    .route('/api', donationReviewRoutes)
    .route('/api', needCloseRoutes)
    .route('/api', organizationChangeRoutes)
    .route('/api', commitmentRoutes)
    .route('/api', campaignRoutes)
    .route('/api', storyRoutes)
    .route('/api', publicStoryRoutes)
    .route('/api', expenditureRoutes)
    .route('/api', concernRoutes)
    .route('/api', recognitionRoutes)
    .route('/api', assessmentRoutes);
export type AppType = ReturnType<typeof _typedApp>;
