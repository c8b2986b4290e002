import { z } from 'zod';
import { IsoDate } from '../dates.js';
import { BoolString, Count, Id, ListQuery, Phone, RequiredText } from './common.js';

export const VILLAGE_NEEDS = ['industry', 'employment', 'education', 'medical', 'housing', 'infrastructure', 'sales', 'other'] as const;
export const VillageNeed = z.enum(VILLAGE_NEEDS, { error: '需求类别无效' });

export const VillageStatus = z.enum(['unlifted', 'lifted'], { error: '状态只能是 未出列 或 已出列' });

const VillageFields = z.object({
  name: RequiredText(50, '村名'),
  township: RequiredText(50, '乡镇'),
  county: RequiredText(50, '县'),
  households: Count('户数'),
  population: Count('人口'),
  poorHouseholds: Count('建档立卡户数'),
  status: VillageStatus,
  supervised: z.boolean({ error: '挂牌督战必须是是/否' }),
  needs: z.array(VillageNeed).max(VILLAGE_NEEDS.length).default([]),
  /** The day the bureau registered the village; no pairing may start before it (rule 2). */
  registeredOn: IsoDate.optional(),
  contactName: z.string().trim().max(50).optional(),
  contactPhone: Phone.optional(),
});

const poorWithinHouseholds = (v: { households?: number; poorHouseholds?: number }) =>
  v.households === undefined || v.poorHouseholds === undefined || v.poorHouseholds <= v.households;
const poorIssue = { message: '建档立卡户数不能多于总户数', path: ['poorHouseholds'] };

export const VillageInput = VillageFields.refine(poorWithinHouseholds, poorIssue);
export type VillageInput = z.infer<typeof VillageInput>;

export const VillagePatch = VillageFields.partial().refine(poorWithinHouseholds, poorIssue);
export type VillagePatch = z.infer<typeof VillagePatch>;

export const Village = VillageFields.extend({
  id: Id,
  needs: z.array(VillageNeed),
  registeredOn: z.string(),
  activePairings: z.number().int(),
  /** rule 1: a supervised village with no active pairing is uncovered. */
  covered: z.boolean(),
  /** rule 2: the day the last active pairing ended while no other was active (断档 open). */
  gapOpenSince: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Village = z.infer<typeof Village>;

export const VillageQuery = ListQuery.extend({
  supervised: BoolString.optional(),
  uncovered: BoolString.optional(),
  q: z.string().max(50).optional(),
});
