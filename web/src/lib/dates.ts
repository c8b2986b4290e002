import dayjs, { type Dayjs } from 'dayjs';
import './dayjs-locale';

/** A DatePicker's value → YYYY-MM-DD for the API (undefined when empty). */
export const toIsoDate = (d: Dayjs | null | undefined): string | undefined => (d ? d.format('YYYY-MM-DD') : undefined);

export const fromIsoDate = (s: string | null | undefined): Dayjs | undefined => (s ? dayjs(s) : undefined);

/** An ISO instant shown in the reader's clock: 2026-05-06 14:03. */
export const formatInstant = (iso: string | null | undefined): string => (iso ? dayjs(iso).format('YYYY-MM-DD HH:mm') : '—');

export const today = (): Dayjs => dayjs().startOf('day');
