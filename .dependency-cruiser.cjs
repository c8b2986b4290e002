/**
 * The code's boundaries (docs/ARCHITECTURE.md, "Layers"), checked by `npm run lint:deps` in CI.
 * Each rule says why it exists; an exception is written here, with its reason, never in the code.
 */
/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-cycles',
      severity: 'error',
      comment:
        'A cycle means neither side can be read, tested or moved alone: move what both need below them. A type-only import is erased at build time and runs nothing, so it does not close a cycle.',
      from: { path: '^(functions|shared|web/src)/' },
      to: { circular: true, viaOnly: { dependencyTypesNot: ['type-only'] } },
    },
    {
      name: 'routes-call-services',
      severity: 'error',
      comment: 'A route validates, authorizes and calls a service; the service owns the rules, the store owns DynamoDB.',
      from: { path: '^functions/modules/[^/]+/[a-z-]*routes\\.ts$' },
      to: { path: ['^functions/modules/[^/]+/store\\.ts$', '^functions/store/', '@aws-sdk/'], dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'services-know-no-http',
      severity: 'error',
      comment: 'Services run under any entry (Lambda, local server, jobs, scripts): no Hono, no http/ layer, no AWS SDK (adapters and stores own those).',
      from: { path: '^functions/modules/', pathNot: ['^functions/modules/[^/]+/[a-z-]*routes\\.ts$', '^functions/modules/[^/]+/store\\.ts$'] },
      to: { path: ['^functions/http/', '^node_modules/hono/', '^node_modules/@hono/', '^node_modules/@aws-sdk/'] },
    },
    {
      name: 'shared-stands-alone',
      severity: 'error',
      comment: 'shared/ is imported by the web app and the functions alike: it imports neither.',
      from: { path: '^shared/' },
      to: { path: ['^functions/', '^web/', '^infra/'] },
    },
    {
      name: 'web-is-a-client',
      severity: 'error',
      comment: 'The web app talks to the server over HTTP only; it shares shared/, never functions/ code.',
      from: { path: '^web/src/' },
      to: { path: ['^functions/', '^infra/'], dependencyTypesNot: ['type-only'] },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: ['^web/dist', '^cdk\\.out', 'node_modules/\\.vite'] },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      extensions: ['.ts', '.tsx', '.js', '.mjs', '.json'],
    },
    reporterOptions: { text: { highlightFocused: true } },
  },
};
