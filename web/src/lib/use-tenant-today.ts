import dayjs, { type Dayjs } from 'dayjs';
import { useMemo } from 'react';
import { dateInZone } from '../../../shared/dates';
import { DEFAULT_TIME_ZONE } from '../../../shared/tenant-defaults';
import { useMe } from '../auth/auth-context';

/** The signed-in tenant's time zone (the shared default when it never set one). */
export function useTenantZone(): string {
  const me = useMe();
  return me.tenant?.timeZone || DEFAULT_TIME_ZONE;
}

/**
 * Today in the tenant's time zone (the API judges "not after today" there), whatever zone the
 * browser is in.
 */
export function useTenantToday(): Dayjs {
  const day = dateInZone(new Date(), useTenantZone());
  // the same object all day, so an effect that depends on it runs again only when the date changes
  return useMemo(() => dayjs(day), [day]);
}
