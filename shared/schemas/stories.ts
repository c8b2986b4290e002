import { z } from 'zod';
import { Id, RequiredText } from './common.js';

export const STORY_TITLE_MAX = 60;
export const STORY_SUMMARY_MAX = 200;
export const STORY_BODY_MAX = 5000;
/** Villages, organizations and pairings a story names: each is read once when it is saved. */
export const MAX_STORY_LINKS = 20;

export const StoryStatus = z.enum(['draft', 'published']);
export type StoryStatus = z.infer<typeof StoryStatus>;

const links = (what: string) => z.array(Id).max(MAX_STORY_LINKS, { error: `最多关联 ${MAX_STORY_LINKS} 个${what}` });

const storyFields = {
  title: RequiredText(STORY_TITLE_MAX, '标题'),
  summary: RequiredText(STORY_SUMMARY_MAX, '摘要'),
  /** plain text (paragraphs by blank lines); shown as text, never as HTML */
  body: RequiredText(STORY_BODY_MAX, '正文'),
  status: StoryStatus,
  villageIds: links('村'),
  organizationIds: links('帮扶单位'),
  pairingIds: links('结对'),
};

/** POST /api/stories. Another tenant's village, organization or pairing: 400 `villageIds.N` … (the service). */
export const StoryInput = z.object({
  ...storyFields,
  status: storyFields.status.default('draft'),
  villageIds: storyFields.villageIds.default([]),
  organizationIds: storyFields.organizationIds.default([]),
  pairingIds: storyFields.pairingIds.default([]),
});
export type StoryInput = z.infer<typeof StoryInput>;

/** PATCH /api/stories/:id: any of the fields; `status` publishes or takes it back to a draft. */
export const StoryPatch = z.object(storyFields).partial();
export type StoryPatch = z.infer<typeof StoryPatch>;

export const Story = z.object({
  id: Id,
  title: z.string(),
  summary: z.string(),
  body: z.string(),
  status: StoryStatus,
  /** when it was last published; null while a draft */
  publishedAt: z.string().nullable(),
  villageIds: z.array(Id),
  organizationIds: z.array(Id),
  pairingIds: z.array(Id),
  photoIds: z.array(Id),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Story = z.infer<typeof Story>;

export const StoryQuery = z.object({ status: StoryStatus.optional() });

const Named = z.object({ id: Id, name: z.string() });
const PublicPhoto = z.object({ photoId: Id, url: z.string() });

/** A published story as anyone sees it: the bureau's text, the names of its villages and organizations, its photos; no personal data. */
export const PublicStory = z.object({
  id: Id,
  title: z.string(),
  summary: z.string(),
  body: z.string(),
  publishedAt: z.string(),
  villages: z.array(Named),
  organizations: z.array(Named),
  photos: z.array(PublicPhoto),
});
export type PublicStory = z.infer<typeof PublicStory>;

export const PublicStorySummary = PublicStory.pick({ id: true, title: true, summary: true, publishedAt: true, villages: true }).extend({
  /** the first photo, if any */
  cover: PublicPhoto.nullable(),
});
export type PublicStorySummary = z.infer<typeof PublicStorySummary>;

export const PublicStoryQuery = z.object({ villageId: Id.optional() });
