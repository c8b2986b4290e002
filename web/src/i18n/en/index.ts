import { base } from './base';
import { commerce } from './commerce';
import { screens } from './screens';
import { charity } from './charity';
import { shop } from './shop';
import { cockpit } from './cockpit';
import { settlement } from './settlement';
import { accounts } from './accounts';
import { security } from './security';
import { join } from './join';
import { auditLog } from './audit-log';
import { orgChanges } from './org-changes';
import { orderLookup } from './order-lookup';

export const en = { ...base, ...screens, ...commerce, ...shop, ...charity, ...cockpit, ...settlement, ...accounts, ...security, ...join, ...auditLog, ...orgChanges, ...orderLookup };
