/**
 * A tenant's settings when it has not set them: the one place these defaults are written
 * (docs/DOMAIN.md, "Money, time, identity" and rule 2). zod-free, so the public pages can import it.
 * The server reads a tenant's effective settings through functions/modules/tenant/settings.ts; the
 * web app through web/src/lib/use-tenant-today.ts.
 */

/** The programme's counties are in China: deadlines and "today" are judged in China Standard Time. */
export const DEFAULT_TIME_ZONE = 'Asia/Shanghai';
/** Weekly reports are due on Tuesday (ISO weekday 2) at 18:00 in the tenant's time zone (rule 3). */
export const DEFAULT_REPORT_DEADLINE: { weekday: number; time: string } = { weekday: 2, time: '18:00' };
/** Rule 2 (一帮多): an organization may hold this many active pairings at once. */
export const DEFAULT_MAX_ACTIVE_PAIRINGS = 3;
/** Rule 4: a visit by fewer people than this does not count as the quarter's visit (seed 000: 工作组 2–5 人). */
export const DEFAULT_MIN_VISIT_TEAM_SIZE = 2;

export const DEFAULT_TENANT_SETTINGS = {
  timeZone: DEFAULT_TIME_ZONE,
  reportDeadline: DEFAULT_REPORT_DEADLINE,
  maxActivePairingsPerOrg: DEFAULT_MAX_ACTIVE_PAIRINGS,
  minVisitTeamSize: DEFAULT_MIN_VISIT_TEAM_SIZE,
};
