import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { PassThrough, Readable } from 'node:stream';
import { LedgerQuery } from '../../../shared/schemas/imports.js';
import { SettlementQuery } from '../../../shared/schemas/settlements.js';
import { AssessmentQuery } from '../../../shared/schemas/assessments.js';
import { assess } from '../assessments/service.js';
import { writeAssessment } from './assessment.js';
import { authorize } from '../../http/auth.js';
import type { Env } from '../../http/context.js';
import { access, BEARER, ERRORS } from '../../http/openapi.js';
import { serviceContext } from '../../http/service-context.js';
import { writeLedger } from './ledger.js';
import { monthSettlements } from '../settlements/service.js';
import { writeSettlementStatement } from './settlement.js';
import { contentDisposition } from './sheets.js';
import { logger } from '../../adapters/logger.js';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** (a function, not a module-level call: nothing of this module may run in the api bundle) */
const ledgerRoute = () =>
  createRoute({
    method: 'get',
    path: '/exports/ledger.xlsx',
    operationId: 'exportLedger',
    description: access('ledger.export'),
    tags: ['exports'],
    summary:
      'The month’s ledger (工作台帐, rule 7) as an Excel workbook, streamed: villages, organizations, pairings, activities, donations, expenditures, sales, weekly reports',
    security: BEARER,
    middleware: [authorize('ledger.export')] as const,
    request: { query: LedgerQuery },
    responses: { 200: { content: { [XLSX]: { schema: z.string().openapi({ type: 'string', format: 'binary' }) } }, description: 'the workbook' }, ...ERRORS },
  });

const settlementRoute = () =>
  createRoute({
    method: 'get',
    path: '/exports/settlement.xlsx',
    operationId: 'exportSettlement',
    description: access('settlement.read'),
    tags: ['exports'],
    summary: 'A month’s settlement statement (结算单) as an Excel workbook: sellers, villages, payouts (an org_member: its own)',
    security: BEARER,
    middleware: [authorize('settlement.read')] as const,
    request: { query: SettlementQuery },
    responses: { 200: { content: { [XLSX]: { schema: z.string().openapi({ type: 'string', format: 'binary' }) } }, description: 'the workbook' }, ...ERRORS },
  });

const assessmentRoute = () =>
  createRoute({
    method: 'get',
    path: '/exports/assessment.xlsx',
    operationId: 'exportAssessment',
    description: access('assessment.write'),
    tags: ['exports'],
    summary: 'An assessment (考核) for a period as an Excel workbook: the ranking with each criterion’s points, and the figures and reasons behind them',
    security: BEARER,
    middleware: [authorize('assessment.write')] as const,
    request: { query: AssessmentQuery },
    responses: { 200: { content: { [XLSX]: { schema: z.string().openapi({ type: 'string', format: 'binary' }) } }, description: 'the workbook' }, ...ERRORS },
  });

/** A streamed workbook: written while the response streams; a failure half-way breaks the download. */
async function streamed(
  c: { var: { requestId: string } },
  write: (wb: import('exceljs').stream.xlsx.WorkbookWriter) => Promise<void>,
): Promise<ReadableStream> {
  const { default: ExcelJS } = await import('exceljs');
  const out = new PassThrough();
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  wb.creator = 'Bangfu';
  void (async () => {
    try {
      await write(wb);
      await wb.commit();
    } catch (e) {
      logger.error('export failed', { requestId: c.var.requestId, error: e });
      out.destroy(e as Error);
    }
  })();
  return Readable.toWeb(out) as ReadableStream;
}

/**
 * Built in a factory marked pure, and exceljs imported only when a ledger is asked for: the api
 * Lambda, which never mounts these routes, bundles neither (see functions/app.ts buildApiApp).
 */
function makeExportRoutes() {
  return new OpenAPIHono<Env>()
    .openapi(ledgerRoute(), async (c) => {
      const ctx = serviceContext(c);
      const { month } = c.req.valid('query');
      const body = await streamed(c, (wb) => writeLedger(wb, { store: ctx.store, month }));
      return c.body(body, 200, {
        'content-type': XLSX,
        'content-disposition': contentDisposition(`ledger-${month}.xlsx`, `工作台帐-${month}.xlsx`),
        'cache-control': 'no-store',
      });
    })
    .openapi(settlementRoute(), async (c) => {
      const ctx = serviceContext(c);
      const { month, organizationId } = c.req.valid('query');
      // the statement's first read (and its 404 for an unknown or foreign organization) before the stream starts
      await monthSettlements(ctx, month, organizationId);
      const body = await streamed(c, (wb) => writeSettlementStatement(wb, ctx, month, organizationId));
      return c.body(body, 200, {
        'content-type': XLSX,
        'content-disposition': contentDisposition(`settlement-${month}.xlsx`, `结算单-${month}.xlsx`),
        'cache-control': 'no-store',
      });
    })
    .openapi(assessmentRoute(), async (c) => {
      const q = c.req.valid('query');
      // computed before the stream starts: a period without a scheme is a clean 4xx, not a broken download
      const result = await assess(serviceContext(c), q);
      const body = await streamed(c, (wb) => writeAssessment(wb, result));
      return c.body(body, 200, {
        'content-type': XLSX,
        'content-disposition': contentDisposition(`assessment-${q.period}.xlsx`, `考核结果-${q.period}.xlsx`),
        'cache-control': 'no-store',
      });
    });
}

export const exportRoutes = /* @__PURE__ */ makeExportRoutes();
