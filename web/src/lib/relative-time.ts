import dayjs from 'dayjs';
import relativeTime from 'dayjs/plugin/relativeTime';
import { formatInstant } from './dates';

dayjs.extend(relativeTime);

const RECENT_DAYS = 7;

/**
 * When something happened, as a notification says it: "3 分钟前" / "3 minutes ago" for the last
 * week (dayjs follows the language switch), the date and time before that.
 */
export const whenShort = (iso: string): string => (dayjs().diff(iso, 'day') < RECENT_DAYS ? dayjs(iso).fromNow() : formatInstant(iso));
