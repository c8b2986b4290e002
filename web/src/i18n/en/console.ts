import { screens } from './screens';
import { cockpit } from './cockpit';
import { settlement } from './settlement';
import { accounts } from './accounts';
import { security } from './security';
import { auditLog } from './audit-log';
import { orgChanges } from './org-changes';
import { campaignsAdmin } from './campaigns-admin';
import { storiesAdmin } from './stories-admin';
import { visitTeam } from './visit-team';

/** The console's words: loaded with the console's code (web/src/app/ConsoleApp.tsx), never by the public pages. */
export const consoleMessages = {
  ...screens,
  ...cockpit,
  ...settlement,
  ...accounts,
  ...security,
  ...auditLog,
  ...orgChanges,
  ...campaignsAdmin,
  ...storiesAdmin,
  ...visitTeam,
};
