/**
 * First import of the app (main.tsx): zod 4 compiles object validators with `new Function` unless
 * told not to, and probes for it when the first schema is built. The CSP (script-src 'self', no
 * 'unsafe-eval') refuses that, so the probe would only leave a violation report behind: zod's
 * interpreter is used either way. Must run before any schema is created. zod's core `config` (not
 * the `zod` package root) keeps the first script free of zod itself: pages without a form never
 * download it.
 */
import { config } from 'zod/v4/core';

config({ jitless: true });
