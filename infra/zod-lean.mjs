// zod as the Lambda bundles see it (infra/bundling.ts BUNDLING.alias maps `zod` here; the
// type-checker, vitest and local mode keep the real package). It is zod's own entry
// (node_modules/zod/index.js → v4/classic/external.js), export for export, less ONE line:
// `export * as locales`. zod-to-openapi and @hono/zod-openapi hold `z` as a value, so esbuild keeps
// the whole namespace object, and with it every locale (~264 KB minified) that nothing here uses:
// English, the default, is registered by schemas.js itself, not through `locales`.
// Keep in step with external.js when zod is upgraded (tests/infra/zod-lean.test.ts checks).
import * as z from './zod-lean.mjs';
export * as core from './zod-lean-core.mjs';
export * from '../node_modules/zod/v4/classic/schemas.js';
export * from '../node_modules/zod/v4/classic/checks.js';
export * from '../node_modules/zod/v4/classic/errors.js';
export * from '../node_modules/zod/v4/classic/parse.js';
export * from '../node_modules/zod/v4/classic/compat.js';
export {
  globalRegistry,
  registry,
  config,
  memoizer,
  $output,
  $input,
  $brand,
  clone,
  regexes,
  treeifyError,
  prettifyError,
  formatError,
  flattenError,
  TimePrecision,
  util,
  NEVER,
  INVALID,
  toZod,
  compile,
  withParser,
  ZodCompileAsyncError,
  ZodCompileUnsupportedError,
  getDiscriminatedOption,
} from '../node_modules/zod/v4/core/index.js';
export { toJSONSchema } from '../node_modules/zod/v4/core/json-schema-processors.js';
export { fromJSONSchema } from '../node_modules/zod/v4/classic/from-json-schema.js';
export { deepPartial } from '../node_modules/zod/v4/classic/deep-partial.js';
export { input, output } from '../node_modules/zod/v4/classic/in-out.js';
export { ZodISODateTime, ZodISODate, ZodISOTime, ZodISODuration } from '../node_modules/zod/v4/classic/iso.js';
export * as iso from '../node_modules/zod/v4/classic/iso.js';
export * as coerce from '../node_modules/zod/v4/classic/coerce.js';
export { z, z as default };
