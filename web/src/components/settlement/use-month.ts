import type { Dayjs } from 'dayjs';
import { useSearchParams } from 'react-router';
import { useTenantToday } from '../../lib/use-tenant-today';

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

/** The settlement month of a screen: ?month=YYYY-MM (so a link or a reload keeps it), this month by default. */
export function useSettlementMonth(): { month: string; thisMonth: Dayjs; setMonth: (m: string) => void } {
  const [params, setParams] = useSearchParams();
  const thisMonth = useTenantToday().startOf('month');
  const asked = params.get('month') ?? '';
  const month = MONTH.test(asked) ? asked : thisMonth.format('YYYY-MM');
  const setMonth = (m: string) => {
    const p = new URLSearchParams(params);
    p.set('month', m);
    setParams(p, { replace: true });
  };
  return { month, thisMonth, setMonth };
}
