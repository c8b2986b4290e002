import { z } from 'zod';
import { IsoDate } from '../dates.js';
import { Fen } from '../money.js';
import { Count, Id, RequiredText } from './common.js';

export const ACTIVITY_TYPES = ['visit', 'training', 'employment', 'sales', 'other'] as const;
export const ActivityType = z.enum(ACTIVITY_TYPES, { error: '活动类型无效' });

export const ActivityInput = z.object({
  date: IsoDate,
  type: ActivityType,
  peopleReached: Count('受益人数'),
  amountFen: Fen.optional(),
  goodsFen: Fen.optional(),
  description: RequiredText(2000, '活动内容'),
});
export type ActivityInput = z.infer<typeof ActivityInput>;

export const Activity = ActivityInput.extend({
  id: Id,
  pairingId: Id,
  villageId: Id,
  organizationId: Id,
  createdBy: z.string(),
  createdAt: z.string(),
});
export type Activity = z.infer<typeof Activity>;
