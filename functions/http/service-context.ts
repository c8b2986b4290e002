import type { Context } from 'hono';
import type { ServiceContext } from '../modules/context.js';
import type { Env } from './context.js';

/** The service's view of a request: caller, tenant-scoped store, now. */
export function serviceContext(c: Context<Env>): ServiceContext {
  return { store: c.get('store'), caller: c.get('caller'), now: c.get('deps').clock() };
}
