import { z } from 'zod';

/** GET /api/public/:tenantSlug: who runs the programme and its headline figures (no personal data). */
export const PublicTenant = z.object({
  slug: z.string(),
  name: z.string(),
  region: z.string(),
  figures: z.object({
    villages: z.number().int(),
    supervisedVillages: z.number().int(),
    activePairings: z.number().int(),
    publishedListings: z.number().int(),
  }),
});
export type PublicTenant = z.infer<typeof PublicTenant>;
