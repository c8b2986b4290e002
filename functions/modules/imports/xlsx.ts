import { SaxesParser } from 'saxes';
import type { Readable } from 'node:stream';
import yauzl, { type Entry, type ZipFile } from 'yauzl';
import { AppError } from '../../errors.js';
import { cellOf, FileProblem, MAX_IMPORT_ROWS, tooManyRows, type Cell, type Sheet } from './sheet.js';

/**
 * The first worksheet of an .xlsx, read as a stream. A small upload can unzip to
 * hundreds of MB, so:
 *  1. before anything is inflated, the zip's central directory is checked: the number of entries,
 *     each entry's declared uncompressed size, their total and each entry's compression ratio;
 *  2. each part is inflated as a stream, its bytes counted: past its declared size (a lying entry)
 *     the file is refused; the sheet's XML goes through a SAX parser chunk by chunk, never whole;
 *  3. reading stops at the row limit (one row past it), and the loop is given back every 64 KB, so
 *     other requests (/api/health) are answered while a hostile file is read.
 * Only what the import needs is read: the workbook (which sheet is first, the 1904 date system), its
 * relationships, the shared strings and the styles (which number formats are dates).
 */

/** More entries than any workbook of ours has (a sheet, its parts, a few images). */
export const MAX_ZIP_ENTRIES = 1000;
/** The declared uncompressed size of any one entry. */
export const MAX_ENTRY_BYTES = 64 * 1024 * 1024;
/** The declared uncompressed size of all entries together. */
export const MAX_UNZIPPED_BYTES = 128 * 1024 * 1024;
/** Parts read whole (workbook, relationships, styles, shared strings): at most this unzipped. */
export const MAX_PART_BYTES = 16 * 1024 * 1024;
/** Uncompressed ÷ compressed for an entry above RATIO_FLOOR_BYTES: sheet XML is 5–50:1, a zip bomb ~1000:1. */
export const MAX_COMPRESSION_RATIO = 200;
const RATIO_FLOOR_BYTES = 1024 * 1024;
/** Characters the parser may take in without a tag ending (one cell's text, one tag): Excel's own cell limit is 32,767. */
const MAX_TEXT_RUN = 1024 * 1024;
/** Excel's own limit on a cell's text (and so on a shared string). */
const MAX_CELL_CHARS = 32767;
const cellTooLong = () => tooBig(`单元格内容超过 ${MAX_CELL_CHARS} 个字符（Excel 单元格的上限），不像是一个普通的表格`);
/** The cell text kept for the rows read (2,000 rows of long descriptions fit). */
export const MAX_SHEET_CHARS = 8_000_000;
/** The last column Excel has (XFD). */
const MAX_COLUMNS = 16384;
const YIELD_EVERY = 64 * 1024;

const MB = (n: number) => `${Math.round((n / 1024 / 1024) * 10) / 10} MB`;
const shown = (name: string) => (name.length > 80 ? `${name.slice(0, 80)}…` : name);
const tooBig = (message: string) => new AppError('payload_too_large', 413, message, [{ path: 'file', code: 'too_big', message }]);
const corrupt = () => new FileProblem({ row: 0, field: 'file', message: '无法读取 .xlsx 文件，请确认文件未损坏' });
const lying = (name: string) => AppError.field('file', `文件已损坏：「${shown(name)}」解压后的内容多于文件目录中声明的大小，已拒绝（可能是恶意构造的文件）`);

/** The central directory's check: nothing has been inflated yet. */
export function checkDirectory(entries: readonly Pick<Entry, 'fileName' | 'compressedSize' | 'uncompressedSize'>[], entryCount: number): void {
  if (entryCount > MAX_ZIP_ENTRIES) throw tooBig(`文件中的条目过多（${entryCount} 个，上限 ${MAX_ZIP_ENTRIES} 个），不像是一个普通的 .xlsx 表格`);
  let total = 0;
  for (const e of entries) {
    if (e.uncompressedSize > MAX_ENTRY_BYTES) {
      throw tooBig(`文件中的「${shown(e.fileName)}」解压后有 ${MB(e.uncompressedSize)}，超过单个部分 ${MB(MAX_ENTRY_BYTES)} 的上限（可能是“压缩炸弹”）`);
    }
    total += e.uncompressedSize;
    if (total > MAX_UNZIPPED_BYTES) throw tooBig(`文件解压后超过 ${MB(MAX_UNZIPPED_BYTES)} 的上限（可能是“压缩炸弹”）`);
    const ratio = e.uncompressedSize / Math.max(1, e.compressedSize);
    if (e.uncompressedSize > RATIO_FLOOR_BYTES && ratio > MAX_COMPRESSION_RATIO) {
      throw tooBig(`文件中的「${shown(e.fileName)}」压缩比为 ${Math.round(ratio)}:1，超过 ${MAX_COMPRESSION_RATIO}:1 的上限（可能是“压缩炸弹”）`);
    }
  }
}

async function openZip(bytes: Uint8Array): Promise<{ zip: ZipFile; entries: Map<string, Entry> }> {
  let zip: ZipFile;
  const entries = new Map<string, Entry>();
  try {
    zip = await yauzl.fromBufferPromise(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), {
      lazyEntries: true,
      autoClose: false,
      validateEntrySizes: true,
    });
    // the end-of-directory record's count, before a single entry is read
    checkDirectory([], zip.entryCount);
    for await (const e of zip.eachEntry()) {
      checkDirectory([e], 0);
      entries.set(e.fileName.replace(/^\/+/, ''), e);
    }
  } catch (e) {
    if (e instanceof AppError) throw e;
    throw corrupt();
  }
  checkDirectory([...entries.values()], entries.size);
  return { zip, entries };
}

type Tag = { name: string; attributes: Record<string, string> };
type Handlers = { open?: (t: Tag) => void; close?: (name: string) => void; text?: (s: string) => void };
/** Thrown by a handler to stop reading a part early (the rows are all read, or past the limit). */
const STOP = Symbol('stop');

const local = (name: string) => name.slice(name.indexOf(':') + 1);

/**
 * One part of the zip through the SAX parser as it inflates: its bytes counted against its declared
 * size, the loop given back every 64 KB. Handlers get local names (a prefix such as x: dropped).
 */
async function readPart(zip: ZipFile, entry: Entry, h: Handlers): Promise<void> {
  const parser = new SaxesParser({ position: false });
  let sinceEvent = 0;
  parser.on('opentag', (t) => {
    sinceEvent = 0;
    h.open?.({ name: local(t.name), attributes: t.attributes as Record<string, string> });
  });
  parser.on('closetag', (t) => {
    sinceEvent = 0;
    h.close?.(local(t.name));
  });
  if (h.text) {
    parser.on('text', h.text);
    parser.on('cdata', h.text);
  }
  let stream: Readable;
  try {
    stream = await zip.openReadStreamPromise(entry);
  } catch {
    throw corrupt();
  }
  const decoder = new TextDecoder('utf-8');
  let inflated = 0;
  let sinceYield = 0;
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      inflated += chunk.length;
      // yauzl checks this too for deflated entries; a stored one is counted here only
      if (inflated > entry.uncompressedSize) throw lying(entry.fileName);
      const text = decoder.decode(chunk, { stream: true });
      sinceEvent += text.length;
      parser.write(text);
      if (sinceEvent > MAX_TEXT_RUN)
        throw tooBig(`文件中的「${shown(entry.fileName)}」有超长的单元格或标记（超过 ${MAX_TEXT_RUN} 个字符；Excel 单元格最多 32767 个字符）`);
      sinceYield += chunk.length;
      if (sinceYield >= YIELD_EVERY) {
        sinceYield = 0;
        await new Promise<void>((r) => setImmediate(r));
      }
    }
    parser.write(decoder.decode());
    parser.close();
  } catch (e) {
    if (e === STOP) return;
    if (e instanceof AppError || e instanceof FileProblem) throw e;
    if (/too many bytes in the stream/.test(String((e as Error)?.message))) throw lying(entry.fileName);
    throw corrupt();
  } finally {
    stream.destroy();
  }
}

/** A part's path from a relationship's target, relative to the part that holds the relationship. */
function resolve(fromPart: string, target: string): string {
  if (target.startsWith('/')) return target.slice(1);
  const parts = fromPart.split('/').slice(0, -1);
  for (const seg of target.split('/')) {
    if (seg === '..') parts.pop();
    else if (seg !== '.' && seg !== '') parts.push(seg);
  }
  return parts.join('/');
}
const relsOf = (part: string) => {
  const i = part.lastIndexOf('/');
  return `${part.slice(0, i + 1)}_rels/${part.slice(i + 1)}.rels`;
};

async function readRels(zip: ZipFile, entries: Map<string, Entry>, part: string): Promise<{ id: string; type: string; target: string }[]> {
  const entry = entries.get(relsOf(part));
  if (!entry) return [];
  const out: { id: string; type: string; target: string }[] = [];
  await readPart(zip, partEntry(entry), {
    open: (t) => {
      if (t.name === 'Relationship' && t.attributes.Target && t.attributes.TargetMode !== 'External')
        out.push({ id: t.attributes.Id, type: t.attributes.Type ?? '', target: resolve(part, t.attributes.Target) });
    },
  });
  return out;
}

/** A part read whole: within MAX_PART_BYTES by its declared size (checked before inflating). */
function partEntry(e: Entry): Entry {
  if (e.uncompressedSize > MAX_PART_BYTES)
    throw tooBig(`文件中的「${shown(e.fileName)}」解压后有 ${MB(e.uncompressedSize)}，超过 ${MB(MAX_PART_BYTES)} 的上限`);
  return e;
}

/** Number formats Excel has built in that show dates or times (ids 14–22, 45–47, and the East Asian 27–36, 50–58). */
const BUILTIN_DATE = new Set([14, 15, 16, 17, 18, 19, 20, 21, 22, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 45, 46, 47, 50, 51, 52, 53, 54, 55, 56, 57, 58]);
/** exceljs's rule (utils.isDateFmt): a date/time token outside quotes and brackets. */
const isDateFormat = (code: string) => /[ymdhMsb]+/.test(code.replace(/\[[^\]]*]/g, '').replace(/"[^"]*"/g, ''));
/** exceljs's utils.excelToDate: an Invalid Date for a serial outside the calendar (the row's date check refuses it). */
const excelToDate = (v: number, date1904: boolean) => new Date(Math.round((v - 25569 + (date1904 ? 1462 : 0)) * 24 * 3600 * 1000));

async function readStyles(zip: ZipFile, entry: Entry | undefined): Promise<Set<number>> {
  const dates = new Set<number>();
  if (!entry) return dates;
  const custom = new Map<number, string>();
  let inXfs = false;
  let xf = 0;
  await readPart(zip, partEntry(entry), {
    open: (t) => {
      if (t.name === 'numFmt') custom.set(Number(t.attributes.numFmtId), t.attributes.formatCode ?? '');
      else if (t.name === 'cellXfs') inXfs = true;
      else if (t.name === 'xf' && inXfs) {
        const id = Number(t.attributes.numFmtId ?? 0);
        const code = custom.get(id);
        if (code !== undefined ? isDateFormat(code) : BUILTIN_DATE.has(id)) dates.add(xf);
        xf++;
      }
    },
    close: (name) => {
      if (name === 'cellXfs') inXfs = false;
    },
  });
  return dates;
}

/** The shared strings, each as its text (rich text runs joined, phonetic guides left out). */
async function readSharedStrings(zip: ZipFile, entry: Entry | undefined): Promise<string[]> {
  const out: string[] = [];
  if (!entry) return out;
  let si: string | null = null;
  let inT = false;
  let inPhonetic = false;
  await readPart(zip, partEntry(entry), {
    open: (t) => {
      if (t.name === 'si') si = '';
      else if (t.name === 'rPh') inPhonetic = true;
      else if (t.name === 't') inT = !inPhonetic;
    },
    text: (s) => {
      if (inT && si !== null) {
        si += s;
        if (si.length > MAX_CELL_CHARS) throw cellTooLong();
      }
    },
    close: (name) => {
      if (name === 't') inT = false;
      else if (name === 'rPh') inPhonetic = false;
      else if (name === 'si' && si !== null) {
        out.push(si);
        si = null;
      }
    },
  });
  return out;
}

/** "BC12" → 55 (1-based column); 0 when it is not a cell reference. */
function columnOf(ref: string): number {
  let col = 0;
  for (let i = 0; i < ref.length; i++) {
    const c = ref.charCodeAt(i);
    if (c >= 65 && c <= 90) col = col * 26 + (c - 64);
    else if (c >= 97 && c <= 122) col = col * 26 + (c - 96);
    else break;
  }
  return col;
}
const columnName = (col: number): string => (col <= 0 ? '' : columnName(Math.floor((col - 1) / 26)) + String.fromCharCode(65 + ((col - 1) % 26)));

/** The first worksheet as a Sheet; formula cells refused, as parse.ts's cellOf says. */
export async function readXlsx(bytes: Uint8Array): Promise<Sheet> {
  const { zip, entries } = await openZip(bytes);
  try {
    // the workbook part, from the package's relationships (xl/workbook.xml as Excel writes it)
    const bookPart = (await readRels(zip, entries, '')).find((r) => r.type.endsWith('/officeDocument'))?.target ?? 'xl/workbook.xml';
    const book = entries.get(bookPart);
    if (!book) throw corrupt();
    let firstSheetRel: string | null = null;
    let date1904 = false;
    await readPart(zip, partEntry(book), {
      open: (t) => {
        if (t.name === 'workbookPr') date1904 = t.attributes.date1904 === '1' || t.attributes.date1904 === 'true';
        if (t.name === 'sheet' && firstSheetRel === null) {
          const id = Object.entries(t.attributes).find(([k]) => k.includes(':') && local(k) === 'id');
          firstSheetRel = id?.[1] ?? '';
        }
      },
    });
    const rels = await readRels(zip, entries, bookPart);
    const sheetEntry = entries.get(rels.find((r) => r.id === firstSheetRel)?.target ?? '');
    if (!sheetEntry) throw new FileProblem({ row: 0, field: 'file', message: '文件没有内容' });
    const strings = await readSharedStrings(zip, entries.get(rels.find((r) => r.type.endsWith('/sharedStrings'))?.target ?? ''));
    const dateStyles = await readStyles(zip, entries.get(rels.find((r) => r.type.endsWith('/styles'))?.target ?? ''));
    return await readSheet(zip, sheetEntry, strings, dateStyles, date1904);
  } finally {
    zip.close();
  }
}

async function readSheet(zip: ZipFile, entry: Entry, strings: string[], dateStyles: Set<number>, date1904: boolean): Promise<Sheet> {
  let header: string[] | null = null;
  const rows: Sheet['rows'] = [];
  let rowsWithValues = 0;
  let kept = 0;
  const sharedMasters = new Map<string, string>();

  let inData = false;
  let rowNumber = 0;
  let cells: Map<number, unknown> | null = null;
  let col = 0;
  // the cell being read
  let type = '';
  let style = -1;
  let address = '';
  let v: string | null = null;
  let f: string | null = null;
  let shared: { si: string; master: boolean } | null = null;
  let inline: string | null = null;
  let capture: 'v' | 'f' | 'is' | null = null;
  let inPhonetic = false;

  const valueOf = (): unknown => {
    if (f !== null && f !== '') {
      if (shared?.master) sharedMasters.set(shared.si, address);
      return { formula: f };
    }
    if (shared) return { sharedFormula: sharedMasters.get(shared.si) ?? address };
    if (type === 'inlineStr') return inline ?? undefined;
    if (v === null) return undefined;
    switch (type) {
      case 's':
        return strings[Number.parseInt(v, 10)];
      case 'str':
        return v;
      case 'b':
        return Number.parseInt(v, 10) !== 0;
      case 'e':
        return { error: v };
      case 'd': {
        const d = new Date(v);
        return Number.isNaN(d.getTime()) ? v : d;
      }
      default: {
        const n = Number.parseFloat(v);
        return dateStyles.has(style) ? excelToDate(n, date1904) : n;
      }
    }
  };

  const endRow = () => {
    if (!cells || cells.size === 0) return;
    if (++rowsWithValues > MAX_IMPORT_ROWS + 1) throw tooManyRows();
    if (!header) {
      const width = Math.max(...cells.keys());
      header = Array.from({ length: width }, (_, i) => {
        const c = cellOf(cells!.get(i + 1));
        return 'value' in c && c.value !== null && c.value !== undefined ? String(c.value).trim() : '';
      });
      return;
    }
    const out: Cell[] = [];
    for (let i = 1; i <= header.length; i++) out.push(cellOf(cells.get(i)));
    if (out.some((c) => !('value' in c) || (c.value !== null && c.value !== undefined && String(c.value).trim() !== '')))
      rows.push({ row: rowNumber, cells: out });
  };

  await readPart(zip, entry, {
    open: (t) => {
      const a = t.attributes;
      switch (t.name) {
        case 'sheetData':
          inData = true;
          return;
        case 'row':
          if (!inData) return;
          rowNumber = a.r ? Number.parseInt(a.r, 10) : rowNumber + 1;
          cells = new Map();
          col = 0;
          return;
        case 'c':
          if (!cells) return;
          col = a.r ? columnOf(a.r) : col + 1;
          address = a.r ?? `${columnName(col)}${rowNumber}`;
          type = a.t ?? 'n';
          style = a.s ? Number.parseInt(a.s, 10) : -1;
          v = f = inline = null;
          shared = null;
          inPhonetic = false;
          return;
        case 'v':
          capture = 'v';
          v = '';
          return;
        case 'f':
          capture = 'f';
          f = '';
          if (a.t === 'shared' && a.si !== undefined) shared = { si: a.si, master: a.ref !== undefined };
          return;
        case 'is':
          capture = 'is';
          inline = '';
          return;
        case 'rPh':
          inPhonetic = true;
          return;
      }
    },
    text: (s) => {
      if (capture === 'v') v += s;
      else if (capture === 'f') f += s;
      else if (capture === 'is' && !inPhonetic) inline += s;
      else return;
      if ((v?.length ?? 0) + (f?.length ?? 0) + (inline?.length ?? 0) > MAX_CELL_CHARS) throw cellTooLong();
    },
    close: (name) => {
      switch (name) {
        case 'v':
        case 'f':
        case 'is':
          capture = null;
          return;
        case 'rPh':
          inPhonetic = false;
          return;
        case 'c': {
          if (!cells || col < 1 || col > MAX_COLUMNS) return;
          // a data row keeps only the header's columns
          if (header && col > header.length) return;
          const value = valueOf();
          if (value === undefined || value === null) return;
          if (typeof value === 'string') {
            kept += value.length;
            if (kept > MAX_SHEET_CHARS) throw tooBig(`表格的文字内容过多（超过 ${MAX_SHEET_CHARS} 个字符），请分成几个文件导入`);
          }
          cells.set(col, value);
          return;
        }
        case 'row':
          endRow();
          cells = null;
          return;
        case 'sheetData':
          throw STOP; // the rest (merged cells, print settings …) is not read
      }
    },
  });
  if (!header) throw new FileProblem({ row: 0, field: 'file', message: '文件没有内容' });
  return { header, rows };
}
