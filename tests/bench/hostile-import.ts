/**
 * Issue 15, hole 2: a small .xlsx that unzips to a huge sheet, and zip bombs. The builders are
 * shared with tests/api/imports-hostile.test.ts; `hostileImportFigure` is the bench's figure 8
 * (tests/bench/run.ts, BENCH_ONLY=8): against the real server, the import of a ~2 MB workbook
 * whose sheet is ~50 MB of XML (400,000 rows) is refused while /api/health is polled every 100 ms —
 * health's p50/p95/max, the import's time and status, and the server's RSS growth.
 *
 * The zips are written here (local headers, central directory, end record) rather than with jszip:
 * the sheet is generated and deflated as a stream by node's zlib (native, ~2 s for 50 MB), never
 * whole in memory, and a bomb can declare whatever sizes it likes.
 */
import { once } from 'node:events';
import { createDeflateRaw, deflateRawSync } from 'node:zlib';

// ---------------------------------------------------------------- a zip writer

const CRC_TABLE = (() => {
  const t = new Int32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c;
  }
  return t;
})();
function crc32(buf: Uint8Array, crc = 0): number {
  let c = ~crc;
  for (let i = 0; i < buf.length; i++) c = CRC_TABLE[(c ^ buf[i]) & 0xff] ^ (c >>> 8);
  return ~c >>> 0;
}

/** One entry, already deflated; `declared*` override what the headers say (a lying or bomb entry). */
export type ZipEntry = { name: string; deflated: Buffer; crc: number; size: number; declaredSize?: number; declaredCompressedSize?: number };

export const deflated = (name: string, text: string | Buffer, level = 9): ZipEntry => {
  const data = typeof text === 'string' ? Buffer.from(text) : text;
  return { name, deflated: deflateRawSync(data, { level }), crc: crc32(data), size: data.length };
};

/** A deflated entry from chunks of text, generated and compressed as a stream. */
export async function deflatedStream(name: string, chunks: Iterable<string>, level = 6): Promise<ZipEntry> {
  const d = createDeflateRaw({ level });
  const out: Buffer[] = [];
  d.on('data', (b: Buffer) => out.push(b));
  const ended = once(d, 'end');
  let crc = 0;
  let size = 0;
  for (const s of chunks) {
    const b = Buffer.from(s);
    crc = crc32(b, crc);
    size += b.length;
    if (!d.write(b)) await once(d, 'drain');
  }
  d.end();
  await ended;
  return { name, deflated: Buffer.concat(out), crc, size };
}

export function zip(entries: ZipEntry[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const name = Buffer.from(e.name);
    const usize = e.declaredSize ?? e.size;
    const csize = e.declaredCompressedSize ?? e.deflated.length;
    const lh = Buffer.alloc(30);
    lh.writeUInt32LE(0x04034b50, 0);
    lh.writeUInt16LE(20, 4);
    lh.writeUInt16LE(0x0800, 6); // UTF-8 names
    lh.writeUInt16LE(8, 8); // deflate
    lh.writeUInt16LE(0, 10);
    lh.writeUInt16LE(0x5c21, 12); // 2026-01-01
    lh.writeUInt32LE(e.crc, 14);
    lh.writeUInt32LE(csize, 18);
    lh.writeUInt32LE(usize, 22);
    lh.writeUInt16LE(name.length, 26);
    lh.writeUInt16LE(0, 28);
    const ch = Buffer.alloc(46);
    ch.writeUInt32LE(0x02014b50, 0);
    ch.writeUInt16LE(20, 4);
    ch.writeUInt16LE(20, 6);
    ch.writeUInt16LE(0x0800, 8);
    ch.writeUInt16LE(8, 10);
    ch.writeUInt16LE(0, 12);
    ch.writeUInt16LE(0x5c21, 14);
    ch.writeUInt32LE(e.crc, 16);
    ch.writeUInt32LE(csize, 20);
    ch.writeUInt32LE(usize, 24);
    ch.writeUInt16LE(name.length, 28);
    ch.writeUInt32LE(offset, 42);
    locals.push(lh, name, e.deflated);
    centrals.push(ch, name);
    offset += lh.length + name.length + e.deflated.length;
  }
  const cd = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(cd.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, cd, end]);
}

// ---------------------------------------------------------------- workbooks

const MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const PKG = 'http://schemas.openxmlformats.org/package/2006/relationships';
const XML = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';

/** The parts of a one-sheet workbook around its sheet (what Excel needs to open it, and exceljs to load it). */
export function workbookParts(strings: string[]): ZipEntry[] {
  return [
    deflated(
      '[Content_Types].xml',
      `${XML}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>`,
    ),
    deflated(
      '_rels/.rels',
      `${XML}<Relationships xmlns="${PKG}"><Relationship Id="rId1" Type="${REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
    ),
    deflated('xl/workbook.xml', `${XML}<workbook xmlns="${MAIN}" xmlns:r="${REL}"><sheets><sheet name="村庄" sheetId="1" r:id="rId1"/></sheets></workbook>`),
    deflated(
      'xl/_rels/workbook.xml.rels',
      `${XML}<Relationships xmlns="${PKG}"><Relationship Id="rId1" Type="${REL}/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="${REL}/sharedStrings" Target="sharedStrings.xml"/></Relationships>`,
    ),
    deflated(
      'xl/sharedStrings.xml',
      `${XML}<sst xmlns="${MAIN}" count="${strings.length}" uniqueCount="${strings.length}">${strings.map((s) => `<si><t>${s}</t></si>`).join('')}</sst>`,
    ),
  ];
}

const HEADERS = ['村名', '乡镇', '县', '户数', '人口', '建档立卡户数', '状态', '挂牌督战'];
const STRINGS = [...HEADERS, '清水镇', '示例县', '未出列', '是', ...Array.from({ length: 7 }, (_, i) => `上坪${i + 1}村`)];
const SHEET_HEAD = `${XML}<worksheet xmlns="${MAIN}" xmlns:r="${REL}"><sheetData><row r="1">${HEADERS.map((_, i) => `<c r="${String.fromCharCode(65 + i)}1" t="s"><v>${i}</v></c>`).join('')}</row>`;
const SHEET_TAIL = '</sheetData></worksheet>';

/** Village rows as a sheet's XML, 5,000 rows a chunk: name, township, county, households, population (only a row's first cell says its column, as some writers save them: the rest follow it). */
function* villageRows(rows: number, full = false): Generator<string> {
  yield SHEET_HEAD;
  let chunk: string[] = [];
  for (let r = 2; r <= rows + 1; r++) {
    chunk.push(
      `<row r="${r}"><c r="A${r}" t="s"><v>${12 + (r % 7)}</v></c><c t="s"><v>8</v></c><c t="s"><v>9</v></c><c><v>${200 + (r % 7)}</v></c><c><v>800</v></c>${full ? '<c><v>40</v></c><c t="s"><v>10</v></c><c t="s"><v>11</v></c>' : ''}</row>`,
    );
    if (chunk.length === 5000) {
      yield chunk.join('');
      chunk = [];
    }
  }
  yield chunk.join('') + SHEET_TAIL;
}

/** The issue's file: ~2 MB, its sheet ~50 MB of XML, 400,000 village rows (compression ~20:1, as real sheets get). */
export async function hostileXlsx(rows = 400_000): Promise<{ bytes: Buffer; sheetBytes: number }> {
  const sheet = await deflatedStream('xl/worksheets/sheet1.xml', villageRows(rows));
  return { bytes: zip([...workbookParts(STRINGS), sheet]), sheetBytes: sheet.size };
}

/** A workbook whose sheet has these rows after the village header (row 1). */
export const xlsxWithRows = (rowsXml: string) => zip([...workbookParts(STRINGS), deflated('xl/worksheets/sheet1.xml', SHEET_HEAD + rowsXml + SHEET_TAIL)]);

/** A small, valid workbook from the same writer, every column filled (the control: such files import). */
export async function smallXlsx(rows: number): Promise<Buffer> {
  return zip([...workbookParts(STRINGS), await deflatedStream('xl/worksheets/sheet1.xml', villageRows(rows, true))]);
}

/** Spaces inside the sheet: deflate squeezes ~1000:1. */
function* spaces(mb: number): Generator<string> {
  yield SHEET_HEAD;
  const block = ' '.repeat(1024 * 1024);
  for (let i = 0; i < mb; i++) yield block;
  yield SHEET_TAIL;
}

/**
 * Zip bombs, each a sheet:
 *  - ratio: 20 MB of spaces honestly declared, ~20 KB compressed (1000:1);
 *  - declared: a 3 GB sheet declared over a few bytes that are not even deflate data;
 *  - lying: 20 MB of spaces declared as 1 KB (under every limit: only counting while inflating finds it).
 */
export async function zipBombs(): Promise<Record<'ratio' | 'declared' | 'lying', Buffer>> {
  const parts = workbookParts(STRINGS);
  const sheet = await deflatedStream('xl/worksheets/sheet1.xml', spaces(20), 9);
  const garbage: ZipEntry = { name: 'xl/worksheets/sheet1.xml', deflated: Buffer.from('not deflate data'), crc: 0, size: 3 * 1024 * 1024 * 1024 };
  return {
    ratio: zip([...parts, sheet]),
    declared: zip([...parts, garbage]),
    lying: zip([...parts, { ...sheet, declaredSize: 1024 }]),
  };
}

// ---------------------------------------------------------------- the bench figure

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)] : 0;
};
const r1 = (x: number) => Math.round(x * 10) / 10;

/**
 * Figure 8: the server (functions/entries/local.ts as a child) takes the hostile import as the demo
 * bureau admin while /api/health is polled every 100 ms; its RSS is read from /proc every 20 ms.
 */
export async function measureHostileImport(
  server: { url: string; rssMB: () => number; peakRssMB: () => number | null; resetPeakRss: () => boolean },
  token: string,
) {
  const { bytes, sheetBytes } = await hostileXlsx();
  const health: number[] = [];
  let healthFailures = 0;
  let running = true;
  const poll = (async () => {
    while (running) {
      const t0 = performance.now();
      try {
        const res = await fetch(`${server.url}/api/health`, { signal: AbortSignal.timeout(30_000) });
        await res.arrayBuffer();
        if (!res.ok) healthFailures++;
      } catch {
        healthFailures++;
      }
      health.push(performance.now() - t0);
      await new Promise((r) => setTimeout(r, 100));
    }
  })();
  await new Promise((r) => setTimeout(r, 500)); // a few polls before the import: the quiet baseline
  const quiet = health.length;
  const rssBefore = server.rssMB();
  const kernelPeak = server.resetPeakRss();
  let peak = rssBefore;
  const sampler = setInterval(() => (peak = Math.max(peak, server.rssMB())), 20);
  const form = new FormData();
  form.append('file', new File([new Uint8Array(bytes)], 'hostile.xlsx'));
  const t0 = performance.now();
  const res = await fetch(`${server.url}/api/imports/villages`, { method: 'POST', headers: { authorization: `Bearer ${token}` }, body: form });
  const body = (await res.json()) as { error?: { message?: string }; errors?: { message: string }[] };
  const importMs = performance.now() - t0;
  await new Promise((r) => setTimeout(r, 300));
  clearInterval(sampler);
  running = false;
  await poll;
  const peakRss = Math.max(peak, (kernelPeak && server.peakRssMB()) || 0);
  const during = health.slice(quiet);
  return {
    file: { bytes: bytes.length, sheetXmlBytes: sheetBytes, rows: 400_000 },
    import: { status: res.status, ms: Math.round(importMs), message: body.error?.message ?? body.errors?.[0]?.message ?? null },
    health: {
      polls: during.length,
      p50ms: r1(pct(during, 50)),
      p95ms: r1(pct(during, 95)),
      maxMs: r1(Math.max(0, ...during)),
      failures: healthFailures,
      quietP50ms: r1(pct(health.slice(0, quiet), 50)),
    },
    rssMB: {
      before: rssBefore,
      peak: peakRss,
      growth: r1(peakRss - rssBefore),
      peakFrom: kernelPeak ? 'VmHWM (reset before the import) and VmRSS every 20 ms' : 'VmRSS every 20 ms',
    },
  };
}

/** Figure 8 on its own server (figures.ts startWorld: `npm start`'s entry, demo data), as a fresh tenant's bureau admin. */
export async function hostileImportFigure() {
  const { startWorld } = await import('./figures.js');
  const world = await startWorld();
  try {
    const t = await world.tenant('hostile');
    const r = await measureHostileImport(world.server, t.token);
    console.error(
      `[bench] 8. hostile import: ${MBs(r.file.bytes)} .xlsx, ${MBs(r.file.sheetXmlBytes)} of sheet XML, ${r.file.rows} rows → ${r.import.status} in ${r.import.ms} ms (${r.import.message}); ` +
        `/api/health every 100 ms meanwhile: p50 ${r.health.p50ms} ms, p95 ${r.health.p95ms} ms, max ${r.health.maxMs} ms over ${r.health.polls} polls (quiet p50 ${r.health.quietP50ms} ms); server RSS ${r.rssMB.before} → peak ${r.rssMB.peak} MB (+${r.rssMB.growth})`,
    );
    return r;
  } finally {
    await world.stop();
  }
}
const MBs = (n: number) => `${Math.round((n / 1024 / 1024) * 10) / 10} MB`;
