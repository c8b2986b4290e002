import { randomBytes } from 'node:crypto';

/** Opaque, roughly time-ordered ids: `<prefix>_<time36><random>`. */
export function newId(prefix: string): string {
  const time = Date.now().toString(36).padStart(9, '0');
  const rand = randomBytes(8).toString('hex');
  return `${prefix}_${time}${rand}`;
}
