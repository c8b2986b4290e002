import { z } from 'zod';
import { IsoDate } from '../dates.js';
import { Fen } from '../money.js';
import { Count, Id, ListQuery } from './common.js';
import { TeamMember } from './helpers.js';

export const PAIRING_STATUSES = ['pending', 'active', 'ended', 'rejected'] as const;
export const PairingStatus = z.enum(PAIRING_STATUSES, { error: '结对状态无效' });

/** 帮扶承诺: money, goods, projects, jobs. */
export const Commitment = z.object({
  moneyFen: Fen.optional(),
  goodsFen: Fen.optional(),
  projects: z.string().trim().max(500).optional(),
  jobs: Count('岗位数').optional(),
  note: z.string().trim().max(1000).optional(),
});
export type Commitment = z.infer<typeof Commitment>;

export const ClaimInput = z.object({
  villageId: Id,
  organizationId: Id.optional(),
  commitment: Commitment.optional(),
  /** The start the claimant proposes; the bureau may set another when it approves. */
  startDate: IsoDate.optional(),
});
export type ClaimInput = z.infer<typeof ClaimInput>;

export const Pairing = z.object({
  id: Id,
  villageId: Id,
  organizationId: Id,
  villageName: z.string(),
  organizationName: z.string(),
  status: PairingStatus,
  startDate: z.string().nullable(),
  endDate: z.string().nullable(),
  proposedStartDate: z.string().nullable(),
  commitment: Commitment.nullable(),
  reason: z.string().nullable(),
  activityCount: z.number().int(),
  lastActivityOn: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  /** the team (帮扶工作组), on the one pairing's view (GET /api/pairings/{id}, PUT …/team) */
  team: z.array(TeamMember).optional(),
});
export type Pairing = z.infer<typeof Pairing>;

export const ApproveInput = z.object({ startDate: IsoDate.optional() });
export const RejectInput = z.object({ reason: z.string().trim().max(500).optional() });
export const EndInput = z.object({
  endDate: IsoDate,
  reason: z.string().trim().max(500).optional(),
});
export type EndInput = z.infer<typeof EndInput>;

export const PairingQuery = ListQuery.extend({
  villageId: Id.optional(),
  organizationId: Id.optional(),
  status: PairingStatus.optional(),
});
