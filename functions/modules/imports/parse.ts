import { fileError, tooManyRows, MAX_IMPORT_ROWS, type Sheet } from './sheet.js';

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
