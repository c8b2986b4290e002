import type { Dayjs } from 'dayjs';
import { Adoption, ProduceInput, type Produce } from '../../../../shared/schemas/produce';
import { fromIsoDate, toIsoDate } from '../../lib/dates';
import { fenToYuan, yuanToFen } from '../../lib/money';

/** The listing form's fields: price in yuan (a string, for exact fen), the adoption and origin flattened. */
export type Values = {
  villageId?: string;
  name?: string;
  kind?: Produce['kind'];
  category?: Produce['category'];
  unit?: string;
  priceYuan?: string;
  stock?: number;
  originKind?: 'household' | 'cooperative';
  originName?: string;
  certificationNo?: string;
  adoptionSubject?: string;
  season?: [Dayjs | null, Dayjs | null] | null;
  adoptionReturns?: string;
  description?: string;
};

/** Schema paths → the form's fields (price in yuan, the adoption and origin flattened). */
export const PATHS = {
  priceFen: 'priceYuan',
  'origin.kind': 'originKind',
  'origin.name': 'originName',
  adoption: 'adoptionSubject',
  'adoption.subject': 'adoptionSubject',
  'adoption.seasonStart': 'season',
  'adoption.seasonEnd': 'season',
  'adoption.returns': 'adoptionReturns',
};
/** The schema's fields, for the form's per-field rules. */
export const F = ProduceInput.shape;
export const A = Adoption.shape;

/** The yuan typed, as the fen the schema checks (0 → 价格必须大于 0). */
export const priceRule = {
  validator: async (_: unknown, value?: string | null) => {
    if (value === undefined || value === null || value === '') return;
    const r = F.priceFen.safeParse(yuanToFen(value));
    if (!r.success) throw new Error(r.error.issues[0]?.message);
  },
};
const text = (s: string | undefined) => (s?.trim() ? s.trim() : undefined);

/** A saved listing into the form (fen back to yuan, dates to pickers). */
export function toValues(p: Produce): Values {
  return {
    villageId: p.villageId,
    name: p.name,
    kind: p.kind,
    category: p.category,
    unit: p.unit,
    priceYuan: fenToYuan(p.priceFen),
    stock: p.stock,
    originKind: p.origin?.kind ?? 'cooperative',
    originName: p.origin?.name,
    certificationNo: p.certificationNo,
    adoptionSubject: p.adoption?.subject,
    season: p.adoption ? [fromIsoDate(p.adoption.seasonStart) ?? null, fromIsoDate(p.adoption.seasonEnd) ?? null] : null,
    adoptionReturns: p.adoption?.returns,
    description: p.description,
  };
}

/**
 * The form's values as the schema's input: yuan → integer fen, dates → YYYY-MM-DD, the origin
 * only when named, the adoption only for 认养. Editing, the current status and photos ride along,
 * so a PATCH never falls back to ProducePatch's defaults (status 'draft', photos []).
 */
export function toRaw(v: Values, current: Produce | undefined, creating: boolean) {
  return {
    ...(creating ? { villageId: v.villageId } : {}),
    name: v.name,
    kind: v.kind,
    category: v.category,
    unit: v.unit,
    priceFen: yuanToFen(v.priceYuan),
    stock: v.stock ?? undefined,
    certificationNo: text(v.certificationNo),
    description: text(v.description),
    origin: text(v.originName) ? { kind: v.originKind ?? 'cooperative', name: v.originName } : undefined,
    adoption:
      v.kind === 'adoption'
        ? { subject: v.adoptionSubject, seasonStart: toIsoDate(v.season?.[0]), seasonEnd: toIsoDate(v.season?.[1]), returns: v.adoptionReturns }
        : undefined,
    ...(current ? { status: current.status, photos: current.photos } : {}),
  };
}
