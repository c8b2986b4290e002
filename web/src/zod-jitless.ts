/**
 * First import of the app (main.tsx): zod 4 compiles object validators with `new Function` unless
 * told not to, and probes for it when the first schema is built. The CSP (script-src 'self', no
 * 'unsafe-eval') refuses that, so the probe would only leave a violation report behind: zod's
 * interpreter is used either way. Must run before any schema is created.
 */
import { config } from 'zod';

config({ jitless: true });
