import type { ImportError } from '../../../shared/schemas/imports.js';
import { AppError } from '../../errors.js';

/** A parsed sheet: the header cells (row 1) and each data row with its number as the sheet shows it. */
export type Sheet = { header: string[]; rows: { row: number; cells: Cell[] }[] };
/** A cell: its value, or the reason it is refused (a formula is never evaluated nor taken). */
export type Cell = { value: unknown } | { refused: string };

export class FileProblem extends Error {
  constructor(readonly error: ImportError) {
    super(error.message);
  }
}
const fileError = (message: string) => new FileProblem({ row: 0, field: 'file', message });

/** The rows a file may hold (each row is one write through the services; the request must finish in time). */
export const MAX_IMPORT_ROWS = 2000;
/** More rows than that: a 413, found while reading (an .xlsx is read no further than one row past it). */
export const tooManyRows = () => {
  const message = `一次最多导入 ${MAX_IMPORT_ROWS} 行`;
  return new AppError('payload_too_large', 413, message, [{ path: 'file', code: 'too_big', message }]);
};

const isZip = (b: Uint8Array) => b.length > 4 && b[0] === 0x50 && b[1] === 0x4b && b[2] === 0x03 && b[3] === 0x04;
const isOle = (b: Uint8Array) => b.length > 8 && b[0] === 0xd0 && b[1] === 0xcf && b[2] === 0x11 && b[3] === 0xe0;

/** .xlsx by its zip signature, else CSV; an old binary .xls is refused. */
export async function parseUpload(bytes: Uint8Array, fileName: string): Promise<Sheet> {
  if (bytes.length === 0) throw fileError('文件是空的');
  if (isZip(bytes)) return parseXlsx(bytes);
  if (isOle(bytes) || /\.xls$/i.test(fileName)) throw fileError('不支持旧版 .xls 文件，请另存为 .xlsx 或 .csv 后再导入');
  if (/\.(xlsx|xlsm)$/i.test(fileName)) throw fileError('文件不是有效的 .xlsx 文件');
  return parseCsv(decodeText(bytes));
}

/** UTF-8 (with or without BOM); when that is not valid UTF-8, GB18030 (a superset of GBK), as Excel in China saves CSV. */
export function decodeText(bytes: Uint8Array): string {
  const body = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? bytes.subarray(3) : bytes;
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(body);
  } catch {
    return new TextDecoder('gb18030').decode(body);
  }
}

/** RFC 4180: commas, quoted fields with "" escapes and line breaks, CRLF or LF; blank lines skipped. */
export function parseCsv(text: string): Sheet {
  const records: { row: number; cells: string[] }[] = [];
  let cells: string[] = [];
  let field = '';
  let quoted = false;
  let line = 1;
  let startLine = 1;
  const endRecord = () => {
    cells.push(field);
    if (cells.some((c) => c.trim() !== '')) records.push({ row: startLine, cells });
    cells = [];
    field = '';
  };
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else {
        if (ch === '\n') line++;
        field += ch;
      }
    } else if (ch === '"' && field === '') quoted = true;
    else if (ch === ',') {
      cells.push(field);
      field = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      endRecord();
      line++;
      startLine = line;
    } else field += ch;
    if (records.length > MAX_IMPORT_ROWS + 1) throw tooManyRows();
  }
  if (quoted) throw fileError('CSV 文件的引号不成对');
  if (field !== '' || cells.length) endRecord();
  // the last line, when no line break ends it
  if (records.length > MAX_IMPORT_ROWS + 1) throw tooManyRows();
  if (!records.length) throw fileError('文件没有内容');
  const [head, ...rows] = records;
  return { header: head.cells.map((c) => c.trim()), rows: rows.map((r) => ({ row: r.row, cells: r.cells.map((value) => ({ value })) })) };
}

/**
 * The first worksheet of an .xlsx, read as a stream after the zip's directory is checked (xlsx.ts);
 * formula cells are refused (never evaluated, their cached results never taken).
 */
async function parseXlsx(bytes: Uint8Array): Promise<Sheet> {
  const { readXlsx } = await import('./xlsx.js');
  return readXlsx(bytes);
}

/** A cell's value as exceljs gives it (xlsx.ts gives the same shapes) → the value an import takes, or the reason it is refused. */
export function cellOf(v: unknown): Cell {
  if (v === null || v === undefined) return { value: undefined };
  if (typeof v !== 'object' || v instanceof Date) return { value: v };
  const o = v as Record<string, unknown>;
  if ('formula' in o || 'sharedFormula' in o) return { refused: `单元格含公式（=${String(o.formula ?? o.sharedFormula)}），不会被计算；请改为纯文本或数值后再导入` };
  if ('error' in o) return { refused: `单元格是错误值 ${String(o.error)}` };
  if (Array.isArray(o.richText)) return { value: (o.richText as { text: string }[]).map((t) => t.text).join('') };
  if ('text' in o) return { value: typeof o.text === 'string' ? o.text : cellValueText(o.text) };
  return { value: String(v) };
}

const cellValueText = (t: unknown): string => (t && typeof t === 'object' && Array.isArray((t as { richText?: unknown }).richText) ? (t as { richText: { text: string }[] }).richText.map((x) => x.text).join('') : String(t ?? ''));
