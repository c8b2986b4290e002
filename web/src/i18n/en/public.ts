import { base } from './base';
import { commerce } from './commerce';
import { shop } from './shop';
import { charity } from './charity';
import { join } from './join';
import { orderLookup } from './order-lookup';
import { concernStatus } from './concern-status';
import { share } from './share';
import { campaign } from './campaign';
import { story } from './story';

/**
 * What the public pages (shop, donate, transparency, join, checkout) read: loaded with the app's
 * first script for the reader's language. Everything else is in ./console, loaded by the console.
 */
export const publicMessages = { ...base, ...commerce, ...shop, ...charity, ...join, ...orderLookup, ...concernStatus, ...share, ...campaign, ...story };
