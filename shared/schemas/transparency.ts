import { z } from 'zod';
import { DonationKind, DonorType } from './donations.js';
import { ExpenditureCategory } from './expenditures.js';
import { OrgKind } from './organizations.js';

/** Cash used per expenditure category. */
export const UsedByPurpose = z.array(z.object({ category: ExpenditureCategory, amountFen: z.number().int() }));

/** Rule 8: cashReceivedFen = cashUsedFen + balanceFen + refundedFen, to the fen; goods never mixed in. */
export const FundsFigures = z.object({
  cashReceivedFen: z.number().int(),
  cashUsedFen: z.number().int(),
  balanceFen: z.number().int(),
  refundedFen: z.number().int(),
  goodsFen: z.number().int(),
  usedByPurpose: UsedByPurpose,
  /** consumption-aid sales: paid orders */
  salesFen: z.number().int(),
  paidOrders: z.number().int(),
  concernsReceived: z.number().int(),
  concernsResolved: z.number().int(),
});
export type FundsFigures = z.infer<typeof FundsFigures>;

/** A confirmed donation as the public sees it: no contact data; donorName null when anonymous. */
export const PublicDonation = z.object({
  id: z.string(),
  villageId: z.string(),
  villageName: z.string(),
  kind: DonationKind,
  amountFen: z.number().int(),
  donorName: z.string().nullable(),
  donorType: DonorType,
  anonymous: z.boolean(),
  description: z.string().nullable(),
  date: z.string(),
});
export type PublicDonation = z.infer<typeof PublicDonation>;

/** An expenditure as the public sees it (rule 8: amounts and purposes public, evidence not). */
export const PublicExpenditure = z.object({
  id: z.string(),
  villageId: z.string(),
  amountFen: z.number().int(),
  purpose: z.string(),
  category: ExpenditureCategory,
  date: z.string(),
});
export type PublicExpenditure = z.infer<typeof PublicExpenditure>;

export const VillageTransparency = FundsFigures.extend({
  villageId: z.string(),
  name: z.string(),
  township: z.string(),
  supervised: z.boolean(),
  /** organizations with an active pairing */
  organizations: z.array(z.object({ id: z.string(), name: z.string(), kind: OrgKind })),
});
export type VillageTransparency = z.infer<typeof VillageTransparency>;

export const TransparencyTenant = z.object({ slug: z.string(), name: z.string(), region: z.string(), timeZone: z.string() });

/** GET /api/public/:tenantSlug/transparency */
export const Transparency = z.object({
  tenant: TransparencyTenant,
  totals: FundsFigures.extend({ villages: z.number().int(), activePairings: z.number().int() }),
  villages: z.array(VillageTransparency),
  recentDonations: z.array(PublicDonation),
  generatedAt: z.string(),
});
export type Transparency = z.infer<typeof Transparency>;

/** GET /api/public/:tenantSlug/villages/:id/transparency — a village page (link and QR code). */
export const VillageTransparencyPage = z.object({
  tenant: TransparencyTenant,
  village: VillageTransparency,
  recentDonations: z.array(PublicDonation),
  expenditures: z.array(PublicExpenditure),
  generatedAt: z.string(),
});
export type VillageTransparencyPage = z.infer<typeof VillageTransparencyPage>;

/** Rule 6 thresholds in fen per organization kind (tenant settings). */
export const RecognitionThresholds = z.object({
  enterprise: z.number().int().min(1, { error: '门槛至少 1 分' }).max(1_000_000_000_00),
  social_org: z.number().int().min(1, { error: '门槛至少 1 分' }).max(1_000_000_000_00),
  public_institution: z.number().int().min(1, { error: '门槛至少 1 分' }).max(1_000_000_000_00),
});
export type RecognitionThresholds = z.infer<typeof RecognitionThresholds>;

/** ¥200,000 for enterprises and chambers; ¥50,000 for committees, social organizations and public institutions. */
export const DEFAULT_RECOGNITION_THRESHOLDS: RecognitionThresholds = {
  enterprise: 20_000_000,
  social_org: 5_000_000,
  public_institution: 5_000_000,
};
