import { z } from 'zod';
import { IsoDate } from '../dates.js';
import { Fen } from '../money.js';
import { Count, Id, RequiredText } from './common.js';

export const ACTIVITY_TYPES = ['visit', 'training', 'employment', 'sales', 'other'] as const;
export const ActivityType = z.enum(ACTIVITY_TYPES, { error: '活动类型无效' });

export const ACTIVITY_MODES = ['in_person', 'remote'] as const;
/** 面对面 (in person) or 不见面 (remote: calls, video, parcels). */
export const ActivityMode = z.enum(ACTIVITY_MODES, { error: '方式只能是面对面或不见面' });

/** Who took part: how many people, and which of the organization's helpers by name (no more named than came). */
export const Participants = z
  .object({
    headcount: z
      .number({ error: '请填写参与人数' })
      .int({ error: '参与人数必须是整数' })
      .min(1, { error: '参与人数至少为 1' })
      .max(1000, { error: '参与人数不能超过 1000' }),
    helperIds: z
      .array(Id, { error: '参与队员格式不正确' })
      .max(40, { error: '参与队员最多 40 名' })
      .refine((ids) => new Set(ids).size === ids.length, { error: '参与队员不能重复' })
      .optional(),
  })
  .refine((p) => !p.helperIds || p.headcount >= p.helperIds.length, { error: '参与人数不能少于所列参与队员人数', path: ['headcount'] });
export type Participants = z.infer<typeof Participants>;

/** An activity's photo (evidence, for the bureau and the organization only): its address; `?size=w320|w800` asks for a WebP size. */
export const ActivityPhoto = z.object({ id: Id, url: z.string() });
export type ActivityPhoto = z.infer<typeof ActivityPhoto>;

export const ActivityInput = z.object({
  date: IsoDate,
  type: ActivityType,
  peopleReached: Count('受益人数'),
  amountFen: Fen.optional(),
  goodsFen: Fen.optional(),
  description: RequiredText(2000, '活动内容'),
  participants: Participants.optional(),
  mode: ActivityMode.optional(),
});
export type ActivityInput = z.infer<typeof ActivityInput>;

export const Activity = ActivityInput.extend({
  id: Id,
  pairingId: Id,
  villageId: Id,
  organizationId: Id,
  createdBy: z.string(),
  createdAt: z.string(),
  /** absent on activities logged before photos; at most MAX_PHOTOS ids */
  photos: z.array(ActivityPhoto).optional(),
});
export type Activity = z.infer<typeof Activity>;
