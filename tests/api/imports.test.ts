import ExcelJS from 'exceljs';
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { readCounter } from '../../functions/modules/counters/store.js';
import { TenantStore } from '../../functions/store/tenant-store.js';
import { creditCode, makeHarness, type Harness, type TestTenant } from '../support/harness.js';

// Imports of villages and organizations (.xlsx, or .csv in UTF-8 or GBK): every row validated with
// the API's schemas; any error and nothing is written; upsert through the services (their audit and
// counters); formula cells refused; 413 above 10 MB before parsing.

let h: Harness;

beforeAll(async () => {
  h = await makeHarness({ now: new Date('2026-06-15T04:00:00Z') });
});

const VILLAGE_HEADERS = ['村名', '乡镇', '县', '户数', '人口', '建档立卡户数', '状态', '挂牌督战', '需求类别'];
const village = (name: string, extra: Partial<Record<string, unknown>> = {}) => ({
  村名: name,
  乡镇: '清水镇',
  县: '示例县',
  户数: 200,
  人口: 800,
  建档立卡户数: 40,
  状态: '未出列',
  挂牌督战: '是',
  需求类别: '产业、就业',
  ...extra,
});

/** An .xlsx with a header row and one row per object (a value may be an exceljs cell value, e.g. a formula). */
async function xlsx(headers: string[], rows: Record<string, unknown>[]): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Sheet1');
  ws.addRow(headers);
  for (const r of rows) ws.addRow(headers.map((k) => r[k] ?? null));
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

const csv = (lines: (string | number)[][]) => lines.map((l) => l.join(',')).join('\r\n') + '\r\n';

async function upload(t: TestTenant, kind: 'villages' | 'organizations', bytes: Uint8Array | string, name = 'data.xlsx', token = t.bureau) {
  const form = new FormData();
  form.append('file', new File([typeof bytes === 'string' ? bytes : (bytes as Uint8Array<ArrayBuffer>)], name));
  const res = await h.app.request(`/api/imports/${kind}`, { method: 'POST', headers: { authorization: `Bearer ${token}` }, body: form });
  return { status: res.status, body: (await res.json()) as any };
}

const villages = async (t: TestTenant) => (await h.get(t.bureau, '/api/villages?limit=100')).items as any[];
const counter = (t: TestTenant) => readCounter(new TenantStore(h.deps.doc, h.deps.tableName, t.id), 'VILLAGES');

describe('importing villages', () => {
  it('a good .xlsx creates through the service (audit, counters); a re-import updates by name + township', async () => {
    const t = await h.tenant();
    const file = await xlsx(VILLAGE_HEADERS, [village('上坪村'), village('下坪村', { 挂牌督战: '否', 需求类别: '' }), village('中坪村', { 乡镇: '白水镇' })]);
    const res = await upload(t, 'villages', file);
    expect(res).toEqual({ status: 200, body: { created: 3, updated: 0, errors: [] } });
    const list = await villages(t);
    expect(list.map((v) => v.name).sort()).toEqual(['上坪村', '下坪村', '中坪村'].sort());
    const up = list.find((v) => v.name === '上坪村');
    expect(up).toMatchObject({ township: '清水镇', households: 200, status: 'unlifted', supervised: true, needs: ['industry', 'employment'] });
    expect(await counter(t)).toMatchObject({ total: 3, supervised: 2 });
    expect((await h.audit(t, 'village', up.id)).map((e) => e.action)).toEqual(['create']);

    const again = await xlsx(VILLAGE_HEADERS, [village('上坪村', { 户数: 210, 挂牌督战: '否' }), village('新村')]);
    expect((await upload(t, 'villages', again)).body).toEqual({ created: 1, updated: 1, errors: [] });
    const after = (await villages(t)).find((v) => v.id === up.id);
    expect(after).toMatchObject({ households: 210, supervised: false });
    expect(await counter(t)).toMatchObject({ total: 4, supervised: 2 });
    expect((await h.audit(t, 'village', up.id)).map((e) => e.action)).toEqual(['create', 'update']);
  });

  it('one bad row: every error listed by row and field, in Chinese, and nothing written', async () => {
    const t = await h.tenant();
    const file = await xlsx(VILLAGE_HEADERS, [
      village('好村'),
      village('坏村', { 户数: 'abc', 状态: '不知道' }),
      village('也坏村', { 户数: 10, 建档立卡户数: 20 }),
      village('也好村'),
    ]);
    const res = await upload(t, 'villages', file);
    expect(res.status).toBe(200);
    expect(res.body.created).toBe(0);
    expect(res.body.updated).toBe(0);
    expect(res.body.errors).toEqual([
      { row: 3, field: 'households', message: '户数必须是数字', value: 'abc' },
      { row: 3, field: 'status', message: '状态只能是 未出列 或 已出列', value: '不知道' },
      { row: 4, field: 'poorHouseholds', message: '建档立卡户数不能多于总户数', value: '20' },
    ]);
    expect(await villages(t)).toEqual([]);
    expect(await counter(t)).toEqual({});
  });

  it('duplicates inside the file are errors', async () => {
    const t = await h.tenant();
    const res = await upload(t, 'villages', await xlsx(VILLAGE_HEADERS, [village('甲村'), village('乙村'), village('甲村', { 户数: 300 })]));
    expect(res.body).toEqual({ created: 0, updated: 0, errors: [{ row: 4, field: 'name', message: '村名 + 乡镇与第 2 行重复', value: '甲村 / 清水镇' }] });
    expect(await villages(t)).toEqual([]);
  });

  it('a GBK (GB18030) .csv, as Excel saves it in China', async () => {
    const t = await h.tenant();
    const bytes = new Uint8Array(readFileSync(new URL('../fixtures/villages-gbk.csv', import.meta.url)));
    expect(() => new TextDecoder('utf-8', { fatal: true }).decode(bytes)).toThrow(); // really not UTF-8
    const res = await upload(t, 'villages', bytes, '村庄.csv');
    expect(res.body).toEqual({ created: 2, updated: 0, errors: [] });
    expect((await villages(t)).map((v) => [v.name, v.township, v.needs]).sort()).toEqual(
      [
        ['高山村', '云雾镇', ['industry', 'education']],
        ['河湾村', '云雾镇', []],
      ].sort(),
    );
  });

  it('a UTF-8 .csv with a BOM, English headers, quoted fields', async () => {
    const t = await h.tenant();
    const text =
      '\ufeff' +
      csv([
        ['name', 'township', 'county', 'households', 'population', 'poorHouseholds', 'status', 'supervised', 'contactPhone'],
        ['"石门村, 东"', '石门镇', '示例县', '"1,200"', 5000, 100, 'lifted', 'no', '0938-1234567'],
      ]);
    const res = await upload(t, 'villages', text, 'villages.csv');
    expect(res.body).toEqual({ created: 1, updated: 0, errors: [] });
    expect(await villages(t)).toEqual([
      expect.objectContaining({ name: '石门村, 东', households: 1200, status: 'lifted', supervised: false, contactPhone: '0938-1234567' }),
    ]);
  });

  it('mojibake or unknown headers: an error at row 1, naming the columns expected', async () => {
    const t = await h.tenant();
    // UTF-8 bytes read as GBK: what a mis-saved file's header looks like
    const garbled = new TextDecoder('gb18030').decode(Buffer.from(VILLAGE_HEADERS.join(','), 'utf8'));
    const res = await upload(t, 'villages', csv([[garbled], ['x', 'y', 'z', 1, 2, 0, '未出列', '是', '']]), 'v.csv');
    expect(res.body.created).toBe(0);
    expect(res.body.errors).toHaveLength(2);
    expect(res.body.errors[0]).toMatchObject({ row: 1, field: 'header' });
    expect(res.body.errors[0].message).toContain('无法识别的列');
    expect(res.body.errors[0].message).toContain('村名、乡镇、县');
    expect(res.body.errors[1]).toMatchObject({ row: 1, field: 'header', message: expect.stringContaining('缺少必填列') });
    expect(await villages(t)).toEqual([]);
  });

  it('a formula cell is never evaluated: =HYPERLINK(...) is refused, nothing written', async () => {
    const t = await h.tenant();
    const file = await xlsx(VILLAGE_HEADERS, [
      village('正常村'),
      village('x', { 村名: { formula: 'HYPERLINK("http://evil.example","点我")', result: '点我' } }),
    ]);
    const res = await upload(t, 'villages', file);
    expect(res.body.created).toBe(0);
    expect(res.body.errors).toEqual([{ row: 3, field: 'name', message: expect.stringContaining('单元格含公式') }]);
    expect(await villages(t)).toEqual([]);
  });

  it('above 10 MB is a 413 before parsing; an unreadable file is a file error', async () => {
    const t = await h.tenant();
    const big = new Uint8Array(20 * 1024 * 1024).fill(0x41);
    const res = await upload(t, 'villages', big, 'big.csv');
    expect(res.status).toBe(413);
    expect(res.body.error.code).toBe('payload_too_large');
    const xls = await upload(t, 'villages', Uint8Array.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0]), 'old.xls');
    expect(xls.body).toEqual({ created: 0, updated: 0, errors: [{ row: 0, field: 'file', message: expect.stringContaining('.xls') }] });
    const broken = await upload(t, 'villages', Uint8Array.from([0x50, 0x4b, 0x03, 0x04, 1, 2, 3]), 'x.xlsx');
    expect(broken.body.errors[0]).toMatchObject({ row: 0, field: 'file' });
  });

  it('the bureau only', async () => {
    const t = await h.tenant();
    const member = (await h.organization(t)).member;
    expect((await upload(t, 'villages', await xlsx(VILLAGE_HEADERS, [village('甲村')]), 'a.xlsx', member)).status).toBe(403);
    expect((await h.app.request('/api/imports/villages/template.xlsx', { headers: { authorization: `Bearer ${member}` } })).status).toBe(403);
  });
});

describe('importing organizations', () => {
  const HEADERS = ['组织名称', '类型', '统一社会信用代码', '联系人', '联系电话'];

  it('creates (pending, as a form would) and updates by credit code; a bad code is an error', async () => {
    const t = await h.tenant();
    const [a, b] = [creditCode(), creditCode()];
    const res = await upload(
      t,
      'organizations',
      await xlsx(HEADERS, [
        { 组织名称: '甲公司', 类型: '企业', 统一社会信用代码: a, 联系人: '张', 联系电话: '13800000001' },
        { 组织名称: '乙协会', 类型: '社会组织', 统一社会信用代码: b.toLowerCase(), 联系人: '李', 联系电话: '13800000002' },
      ]),
    );
    expect(res.body).toEqual({ created: 2, updated: 0, errors: [] });
    const list = (await h.get(t.bureau, '/api/organizations')).items as any[];
    expect(list.map((o) => [o.name, o.kind, o.creditCode, o.status]).sort()).toEqual(
      [
        ['甲公司', 'enterprise', a, 'pending'],
        ['乙协会', 'social_org', b, 'pending'],
      ].sort(),
    );

    const again = await upload(
      t,
      'organizations',
      await xlsx(HEADERS, [{ 组织名称: '甲公司（更名）', 类型: '企业', 统一社会信用代码: a, 联系人: '王', 联系电话: '13800000003' }]),
    );
    expect(again.body).toEqual({ created: 0, updated: 1, errors: [] });
    const renamed = ((await h.get(t.bureau, '/api/organizations')).items as any[]).find((o) => o.creditCode === a);
    expect(renamed).toMatchObject({ name: '甲公司（更名）', contactName: '王' });
    expect((await h.audit(t, 'organization', renamed.id)).map((e) => e.action)).toEqual(['create', 'update']);

    const bad = await upload(
      t,
      'organizations',
      await xlsx(HEADERS, [
        { 组织名称: '丙', 类型: '企业', 统一社会信用代码: creditCode(), 联系人: '赵', 联系电话: '13800000004' },
        { 组织名称: '丁', 类型: '公司', 统一社会信用代码: '123', 联系人: '钱', 联系电话: '12' },
      ]),
    );
    expect(bad.body.created).toBe(0);
    expect(bad.body.errors.map((e: any) => [e.row, e.field])).toEqual([
      [3, 'kind'],
      [3, 'creditCode'],
      [3, 'contactPhone'],
    ]);
    expect(bad.body.errors.find((e: any) => e.field === 'creditCode').message).toBe('统一社会信用代码应为 18 位');
    expect((await h.get(t.bureau, '/api/organizations')).items).toHaveLength(2);
  });

  it('the same credit code twice in the file is an error', async () => {
    const t = await h.tenant();
    const code = creditCode();
    const row = { 组织名称: '甲', 类型: '企业', 统一社会信用代码: code, 联系人: '张', 联系电话: '13800000001' };
    const res = await upload(t, 'organizations', await xlsx(HEADERS, [row, { ...row, 组织名称: '乙' }]));
    expect(res.body.errors).toEqual([{ row: 3, field: 'creditCode', message: '统一社会信用代码与第 2 行重复', value: code }]);
  });
});

describe('templates', () => {
  it.each(['villages', 'organizations'] as const)('%s: the headers and an example row, which imports as it is', async (kind) => {
    const t = await h.tenant();
    const res = await h.app.request(`/api/imports/${kind}/template.xlsx`, { headers: { authorization: `Bearer ${t.bureau}` } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-disposition')).toContain("filename*=UTF-8''");
    const bytes = new Uint8Array(await res.arrayBuffer());
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(bytes as unknown as ArrayBuffer);
    const ws = wb.worksheets[0];
    expect((ws.getRow(1).values as unknown[]).slice(1)[0]).toBe(kind === 'villages' ? '村名' : '组织名称');
    expect(ws.actualRowCount).toBe(2);
    expect((await upload(t, kind, bytes)).body).toEqual({ created: 1, updated: 0, errors: [] });
  });
});
