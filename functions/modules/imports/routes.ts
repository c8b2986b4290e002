import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { withCheckChar } from '../../../shared/credit-code.js';
import { ImportResult, MAX_IMPORT_BYTES, type ImportKind } from '../../../shared/schemas/imports.js';
import { authorize } from '../../http/auth.js';
import type { Env } from '../../http/context.js';
import { access, BEARER, ERRORS, jsonOk } from '../../http/openapi.js';
import { serviceContext } from '../../http/service-context.js';
import { contentDisposition } from '../exports/sheets.js';
import { COLUMNS, EXAMPLES } from './columns.js';
import { importOrganizations, importVillages } from './service.js';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const tags = ['imports'];
// functions, not module-level calls: nothing of this module may run in the api bundle
const upload = () => ({
  content: {
    'multipart/form-data': {
      schema: z.object({
        file: z
          .custom<File>((v) => v instanceof File, { error: '请上传文件（表单字段 file）' })
          .openapi({ type: 'string', format: 'binary', description: `.xlsx, or .csv in UTF-8 or GBK; at most ${MAX_IMPORT_BYTES / 1024 / 1024} MB` }),
      }),
    },
  },
  required: true as const,
});
const binary = () => ({ content: { [XLSX]: { schema: z.string().openapi({ type: 'string', format: 'binary' }) } }, description: 'the template' });

const LABEL: Record<ImportKind, string> = { villages: '村庄', organizations: '组织' };

const post = (kind: ImportKind) =>
  createRoute({
    method: 'post',
    path: `/imports/${kind}`,
    operationId: kind === 'villages' ? 'importVillages' : 'importOrganizations',
    description: access('import.write'),
    tags,
    summary: `Import ${kind} from .xlsx or .csv (bureau): any invalid row and nothing is written; upsert through the ${kind} service`,
    security: BEARER,
    middleware: [authorize('import.write')] as const,
    request: { body: upload() },
    responses: { 200: jsonOk(ImportResult, 'created and updated, or the errors (then nothing was written)'), ...ERRORS },
  });

const template = (kind: ImportKind) =>
  createRoute({
    method: 'get',
    path: `/imports/${kind}/template.xlsx`,
    operationId: kind === 'villages' ? 'getVillagesImportTemplate' : 'getOrganizationsImportTemplate',
    description: access('import.write'),
    tags,
    summary: `The ${kind} import template: the headers and one example row`,
    security: BEARER,
    middleware: [authorize('import.write')] as const,
    responses: { 200: binary(), ...ERRORS },
  });

async function templateBytes(kind: ImportKind): Promise<ArrayBuffer> {
  const { default: ExcelJS } = await import('exceljs');
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet(LABEL[kind], { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = COLUMNS[kind].map((c) => ({ header: c.header, key: c.key, width: Math.max(12, c.header.length * 3) }));
  ws.getRow(1).font = { bold: true };
  const example = kind === 'organizations' ? { ...EXAMPLES[kind], creditCode: withCheckChar('91620521MA0000000') } : EXAMPLES[kind];
  ws.addRow(example);
  // every cell is text, so an ID-like code or a date is kept as typed
  for (const col of ws.columns) col.numFmt = '@';
  return (await wb.xlsx.writeBuffer()) as ArrayBuffer;
}

/** Built in a factory marked pure, exceljs loaded on use: neither enters the api Lambda's bundle. */
function makeImportRoutes() {
  const run = { villages: importVillages, organizations: importOrganizations } as const;
  const app = new OpenAPIHono<Env>();
  for (const kind of ['villages', 'organizations'] as const) {
    app.openapi(post(kind), async (c) => {
      const file = c.req.valid('form').file;
      return c.json(await run[kind](serviceContext(c), new Uint8Array(await file.arrayBuffer()), file.name), 200);
    });
    app.openapi(template(kind), async (c) =>
      c.body(await templateBytes(kind), 200, {
        'content-type': XLSX,
        'content-disposition': contentDisposition(`${kind}-template.xlsx`, `${LABEL[kind]}导入模板.xlsx`),
      }),
    );
  }
  return app;
}

export const importRoutes = /* @__PURE__ */ makeImportRoutes();
