import { DatePicker } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';

/** A settlement month (YYYY-MM), never after this month. */
export function MonthPicker({ month, thisMonth, onChange }: { month: string; thisMonth: Dayjs; onChange: (m: string) => void }) {
  return (
    <DatePicker
      picker="month"
      allowClear={false}
      value={dayjs(`${month}-01`)}
      disabledDate={(d) => d.isAfter(thisMonth, 'month')}
      onChange={(d) => d && onChange(d.format('YYYY-MM'))}
      data-testid="settlement-month"
      style={{ width: 140 }}
    />
  );
}
