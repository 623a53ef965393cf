// ESLint flat config (`npm run lint`, also run by `npm test`). Formatting is Prettier's job (`npm run format:check`),
// so no stylistic rules here. TypeScript files get typescript-eslint's type-checked rules, which read tsconfig.json.
import js from '@eslint/js';
import { defineConfig } from 'eslint/config';
import tseslint from 'typescript-eslint';

// Node's globals for the plain .mjs/.cjs scripts. Listed here rather than imported from the `globals` package, which is
// only a transitive dependency of ESLint and so not ours to import.
const nodeGlobals = Object.fromEntries(
  [
    'AbortController',
    'AbortSignal',
    'Buffer',
    'TextDecoder',
    'TextEncoder',
    'URL',
    'URLSearchParams',
    'clearInterval',
    'clearTimeout',
    'console',
    'fetch',
    'global',
    'globalThis',
    'performance',
    'process',
    'queueMicrotask',
    'setImmediate',
    'setInterval',
    'setTimeout',
    'structuredClone',
  ].map((name) => [name, 'readonly']),
);
const commonJsGlobals = Object.fromEntries(
  ['__dirname', '__filename', 'exports', 'module', 'require'].map((name) => [name, 'readonly']),
);

export default defineConfig(
  {
    ignores: ['dist/', 'out/', 'out-*/', 'node_modules/', '.vscode-test/', 'artifacts/', 'media/', '**/*.d.ts'],
  },
  {
    linterOptions: { reportUnusedDisableDirectives: 'error' },
  },
  js.configs.recommended,
  {
    rules: {
      // Unused names are an error (TypeScript's noUnusedLocals says the same for .ts); `_x` marks one kept on purpose,
      // and `{ omitted, ...rest }` is how a key is dropped from a copy.
      'no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', ignoreRestSiblings: true }],
      eqeqeq: ['error', 'smart'],
    },
  },
  {
    files: ['**/*.mjs'],
    languageOptions: { ecmaVersion: 2024, sourceType: 'module', globals: nodeGlobals },
  },
  {
    files: ['**/*.cjs'],
    languageOptions: { ecmaVersion: 2024, sourceType: 'commonjs', globals: { ...nodeGlobals, ...commonJsGlobals } },
  },
  {
    files: ['**/*.ts'],
    extends: [tseslint.configs.recommendedTypeChecked],
    languageOptions: {
      parserOptions: {
        // tsconfig.json covers src/, test/ and scripts/; bench's one .ts entry is linted with the same options.
        projectService: { allowDefaultProject: ['bench/*.ts'], defaultProject: 'tsconfig.json' },
        tsconfigRootDir: import.meta.dirname,
      },
    },
    rules: {
      // `import vscode = require('vscode')` is TypeScript's typed CommonJS import, chosen on purpose so the bundle does
      // not wrap each module's import in esbuild's `__toESM` (ARCHITECTURE.md, activation budget). Bare `require()`
      // calls are still reported.
      '@typescript-eslint/no-require-imports': ['error', { allowAsImport: true }],
      // The extension does a lot of child-process and VS Code API work: a promise nobody awaits or catches is how an
      // error goes unseen. `void p` marks the few places where firing and forgetting is intended.
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/await-thenable': 'error',
      // `return p` inside try skips the catch and finally the author wrote for p's failure.
      '@typescript-eslint/return-await': ['error', 'in-try-catch'],
      '@typescript-eslint/no-unnecessary-type-assertion': 'error',
      // With noUncheckedIndexedAccess, `x[0]!` only assumes what a check would say: code narrows, tests use `must()`
      // (test/fixtures/must.ts), which fails with the name of what was missing.
      '@typescript-eslint/no-non-null-assertion': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': ['error', { considerDefaultExhaustiveForUnions: true }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      '@typescript-eslint/no-import-type-side-effects': 'error',
      'no-unused-vars': 'off',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', ignoreRestSiblings: true },
      ],
    },
  },
);
