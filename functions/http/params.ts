import { z } from 'zod';

/** The `:id` path parameter every record route takes. */
export const IdParams = z.object({ id: z.string().min(1).max(64) });
