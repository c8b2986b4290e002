import type { ImportKind } from '../../../shared/schemas/imports.js';

/**
 * The columns of each import: the field key, the Chinese header the template uses, the other
 * headers accepted (English keys included), and how a cell's text becomes the field's value.
 */
export type Coerce = 'text' | 'int' | 'bool' | 'date' | 'list' | 'enum';
export type ColumnSpec = { key: string; header: string; aliases: string[]; required: boolean; coerce: Coerce; values?: Record<string, string> };

const NEED_VALUES: Record<string, string> = {
  产业: 'industry',
  产业发展: 'industry',
  就业: 'employment',
  教育: 'education',
  医疗: 'medical',
  住房: 'housing',
  基础设施: 'infrastructure',
  销售: 'sales',
  消费帮扶: 'sales',
  其他: 'other',
};

export const COLUMNS: Record<ImportKind, ColumnSpec[]> = {
  villages: [
    { key: 'name', header: '村名', aliases: ['村庄', '村庄名称', '行政村'], required: true, coerce: 'text' },
    { key: 'township', header: '乡镇', aliases: ['乡', '镇', '乡（镇）', '乡(镇)', '所属乡镇'], required: true, coerce: 'text' },
    { key: 'county', header: '县', aliases: ['县区', '区县', '县（区）', '县(区)', '所属县'], required: true, coerce: 'text' },
    { key: 'households', header: '户数', aliases: ['总户数'], required: true, coerce: 'int' },
    { key: 'population', header: '人口', aliases: ['总人口', '人口数'], required: true, coerce: 'int' },
    { key: 'poorHouseholds', header: '建档立卡户数', aliases: ['贫困户数', '建档立卡户', 'poor households'], required: true, coerce: 'int' },
    {
      key: 'status',
      header: '状态',
      aliases: ['脱贫状态', '出列状态'],
      required: true,
      coerce: 'enum',
      values: { 未出列: 'unlifted', 未脱贫: 'unlifted', 已出列: 'lifted', 已脱贫: 'lifted' },
    },
    { key: 'supervised', header: '挂牌督战', aliases: ['是否挂牌督战'], required: true, coerce: 'bool' },
    { key: 'needs', header: '需求类别', aliases: ['需求'], required: false, coerce: 'list', values: NEED_VALUES },
    { key: 'registeredOn', header: '登记日期', aliases: ['registered on'], required: false, coerce: 'date' },
    { key: 'contactName', header: '联系人', aliases: ['contact name'], required: false, coerce: 'text' },
    { key: 'contactPhone', header: '联系电话', aliases: ['电话', '手机', 'contact phone', 'phone'], required: false, coerce: 'text' },
  ],
  organizations: [
    { key: 'name', header: '组织名称', aliases: ['名称', '单位名称', '企业名称'], required: true, coerce: 'text' },
    {
      key: 'kind',
      header: '类型',
      aliases: ['组织类型', '单位类型'],
      required: true,
      coerce: 'enum',
      values: { 企业: 'enterprise', 社会组织: 'social_org', 事业单位: 'public_institution' },
    },
    { key: 'creditCode', header: '统一社会信用代码', aliases: ['信用代码', '社会信用代码', 'credit code'], required: true, coerce: 'text' },
    { key: 'contactName', header: '联系人', aliases: ['contact name'], required: true, coerce: 'text' },
    { key: 'contactPhone', header: '联系电话', aliases: ['电话', '手机', 'contact phone', 'phone'], required: true, coerce: 'text' },
    { key: 'address', header: '地址', aliases: ['通讯地址'], required: false, coerce: 'text' },
    { key: 'description', header: '简介', aliases: ['说明', '备注'], required: false, coerce: 'text' },
  ],
};

/** Example rows for the templates (fictional). */
export const EXAMPLES: Record<ImportKind, Record<string, string | number>> = {
  villages: {
    name: '清水村',
    township: '清水镇',
    county: '示例县',
    households: 320,
    population: 1280,
    poorHouseholds: 46,
    status: '未出列',
    supervised: '是',
    needs: '产业、就业',
    registeredOn: '2026-01-05',
    contactName: '王书记',
    contactPhone: '13800000000',
  },
  organizations: { name: '示例农业发展有限公司', kind: '企业', contactName: '李经理', contactPhone: '0938-1234567', address: '示例县城关镇', description: '' },
};

const norm = (s: string) =>
  s
    .normalize('NFKC')
    .replace(/^[\s*＊]+|[\s*＊:：]+$/g, '')
    .replace(/[\s_-]+/g, ' ')
    .toLowerCase();

/** Header text → column key; null when the header is unknown (or mojibake). */
export function columnOf(kind: ImportKind, header: string): ColumnSpec | null {
  const h = norm(header);
  if (!h) return null;
  const squash = h.replace(/ /g, '');
  for (const c of COLUMNS[kind]) {
    if ([c.header, ...c.aliases].some((a) => norm(a) === h) || c.key.toLowerCase() === squash) return c;
  }
  return null;
}

const BOOL: Record<string, boolean> = {
  是: true,
  否: false,
  true: true,
  false: false,
  yes: true,
  no: false,
  y: true,
  n: false,
  '1': true,
  '0': false,
  '√': true,
  '×': false,
};

/**
 * A cell's value as the schema wants it; what cannot be read is passed on as it is, so the
 * schema's own Chinese message names the problem.
 */
export function coerce(c: ColumnSpec, v: unknown): unknown {
  if (v === null || v === undefined || (typeof v === 'string' && v.trim() === '')) return undefined;
  switch (c.coerce) {
    case 'text':
      return typeof v === 'number' ? String(v) : v;
    case 'int': {
      if (typeof v === 'number') return v;
      const s = String(v).trim().replace(/,/g, '');
      return /^-?\d+(\.\d+)?$/.test(s) ? Number(s) : s;
    }
    case 'bool': {
      if (typeof v === 'boolean') return v;
      const b = BOOL[String(v).trim().toLowerCase()];
      return b ?? String(v);
    }
    case 'date':
      // a serial number far outside the calendar reads as an Invalid Date: pass it on for the schema to refuse
      if (v instanceof Date) return Number.isNaN(v.getTime()) ? String(v) : v.toISOString().slice(0, 10);
      return String(v)
        .trim()
        .replace(/[/.]/g, '-')
        .replace(/-(\d)(?=-|$)/g, '-0$1');
    case 'enum': {
      const s = String(v).trim();
      return c.values?.[s] ?? s.toLowerCase();
    }
    case 'list':
      return String(v)
        .split(/[、,，;；\s]+/)
        .map((s) => s.trim())
        .filter(Boolean)
        .map((s) => c.values?.[s] ?? s.toLowerCase());
  }
}
