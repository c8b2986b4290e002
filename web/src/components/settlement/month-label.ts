import dayjs from 'dayjs';
import type { TFunction } from 'i18next';

/** 2026-05 → 2026年5月 (zh-CN) or May 2026 (en). */
export const monthLabel = (t: TFunction, month: string) => dayjs(`${month}-01`).format(t('settlement.monthFormat'));
