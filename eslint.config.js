// The linter (docs/STYLE.md, "Tooling"): typescript-eslint's recommended rules, a few type-aware
// rules that catch real bugs (a promise nobody awaits, a promise where a callback is expected),
// React's rules of hooks, and the boundary the dependency graph cannot see: DynamoDB expression
// strings are written in store files (functions/modules/<m>/store.ts, functions/store/, adapters).
import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const EXPRESSION_KEYS = 'ConditionExpression|UpdateExpression|KeyConditionExpression|FilterExpression|ProjectionExpression';

export default tseslint.config(
  { ignores: ['web/dist/**', '.test-data/**', '.data/**', 'cdk.out/**', 'node_modules/**', 'bench/results/**', 'scripts/bootstrap*.mjs'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      parserOptions: { project: './tsconfig.json', tsconfigRootDir: import.meta.dirname },
      globals: { ...globals.node },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: { attributes: false, arguments: false } }],
      '@typescript-eslint/await-thenable': 'error',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_', caughtErrors: 'none' },
      ],
      '@typescript-eslint/no-non-null-assertion': 'off',
      '@typescript-eslint/no-explicit-any': 'error',
      'no-empty': ['error', { allowEmptyCatch: true }],
    },
  },
  {
    files: ['web/src/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    languageOptions: { globals: { ...globals.browser } },
    // the rules of hooks (a hook after an early return broke the sign-in screen) and complete effect dependencies
    rules: { 'react-hooks/rules-of-hooks': 'error', 'react-hooks/exhaustive-deps': 'error' },
  },
  {
    files: ['functions/**/*.ts'],
    ignores: ['functions/modules/*/store.ts', 'functions/modules/*/*-store.ts', 'functions/store/**', 'functions/adapters/**'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: `Property[key.name=/^(${EXPRESSION_KEYS})$/]`,
          message: 'DynamoDB expressions live in the module\'s store.ts (docs/ARCHITECTURE.md, "Layers").',
        },
      ],
    },
  },
  // tests read untyped JSON and reach into internals on purpose
  { files: ['tests/**/*.ts'], rules: { '@typescript-eslint/no-explicit-any': 'off', 'no-useless-assignment': 'off' } },
  { files: ['**/*.{js,mjs,cjs}', '*.config.ts', 'web/vite.config.ts'], ...tseslint.configs.disableTypeChecked },
);
