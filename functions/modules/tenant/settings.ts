import type { ReportDeadline } from '../../../shared/dates.js';
import type { Tenant } from '../../../shared/schemas/identity.js';
import { DEFAULT_TENANT_SETTINGS } from '../../../shared/tenant-defaults.js';
import type { TenantStore } from '../../store/tenant-store.js';
import { getTenant } from './store.js';

/**
 * A tenant's effective settings: what it set, else the shared defaults (shared/tenant-defaults.ts).
 * Every service reads the time zone, the report deadline and the pairing limit through here, so a
 * default is written once and a tenant without a record behaves like one that never set anything.
 */
export type TenantSettingsRead = {
  timeZone: string;
  reportDeadline: ReportDeadline;
  maxActivePairingsPerOrg: number;
  /** rule 4: the fewest people a visit needs to count as the quarter's visit */
  minVisitTeamSize: number;
  /** the limit as stored (undefined when never set): a write conditioned on "the limit did not change" compares with it */
  storedMaxActivePairingsPerOrg: number | undefined;
};

export function settingsOf(
  tenant: Partial<Pick<Tenant, 'timeZone' | 'reportDeadline' | 'maxActivePairingsPerOrg' | 'minVisitTeamSize'>> | null | undefined,
): TenantSettingsRead {
  return {
    timeZone: tenant?.timeZone || DEFAULT_TENANT_SETTINGS.timeZone,
    reportDeadline: tenant?.reportDeadline ?? DEFAULT_TENANT_SETTINGS.reportDeadline,
    maxActivePairingsPerOrg: tenant?.maxActivePairingsPerOrg ?? DEFAULT_TENANT_SETTINGS.maxActivePairingsPerOrg,
    minVisitTeamSize: tenant?.minVisitTeamSize ?? DEFAULT_TENANT_SETTINGS.minVisitTeamSize,
    storedMaxActivePairingsPerOrg: tenant?.maxActivePairingsPerOrg,
  };
}

/** The calling tenant's effective settings (its record is read once per request). */
export async function tenantSettings(store: TenantStore): Promise<TenantSettingsRead> {
  return settingsOf(await getTenant(store));
}

export async function tenantTimeZone(store: TenantStore): Promise<string> {
  return (await tenantSettings(store)).timeZone;
}
