import dayjs, { type Dayjs } from 'dayjs';
import { dateInZone } from '../../../shared/dates';
import { useMe } from '../auth/auth-context';

/**
 * Today in the tenant's time zone (the API judges "not after today" there), whatever zone the
 * browser is in.
 */
export function useTenantToday(): Dayjs {
  const me = useMe();
  return dayjs(dateInZone(new Date(), me.tenant?.timeZone ?? 'Asia/Shanghai'));
}
