// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

/** Modules that do I/O: neither workflow code nor the pure rules of domain/ may load them. */
const doesIo = ['node:*', 'fs', 'http', 'https', 'net', 'pg', '@prisma/*'];

export default tseslint.config(
  { ignores: ['node_modules/', 'dist/', 'data/', 'coverage/', 'artifacts/', 'prisma/generated/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    // Journey state changes under a moment's feet (a downgrade releases the manager between two awaits):
    // what may be absent is checked where it is read, never asserted present.
    files: ['workflows/**/*.ts', 'domain/**/*.ts'],
    rules: { '@typescript-eslint/no-non-null-assertion': 'error' },
  },
  {
    // Workflow code is replayed: it must not read the clock or randomness except through the SDK.
    files: ['workflows/**/*.ts'],
    rules: {
      'no-restricted-globals': ['error', { name: 'setTimeout', message: 'use sleep() from @temporalio/workflow' }],
      'no-restricted-properties': [
        'error',
        { object: 'Math', property: 'random', message: 'workflow code must be deterministic' },
      ],
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: [...doesIo, '**/platform/*', '**/devtools/*', '**/api', '**/api/**'],
              message: 'workflows do no I/O; call an activity',
              allowTypeImports: true,
            },
            {
              // Not even types: activities/ sits above the workflows and takes their types, so a type
              // from it would tie the two in a circle; what both sides share is the contract.
              group: ['**/activities', '**/activities/**'],
              message:
                'workflows call activities through the activity contract (workflows/activity-contract.ts), types too',
            },
          ],
        },
      ],
    },
  },
  {
    // Pure rules and the plan's content: importable by workflow code, activities and the API alike.
    files: ['domain/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: [
                ...doesIo,
                '@temporalio/*',
                '**/activities',
                '**/activities/*',
                '**/api',
                '**/api/**',
                '**/platform/*',
                '**/devtools/*',
                '**/prisma/*',
              ],
              message: 'domain/ holds pure rules and data: no I/O, no Temporal or Prisma',
              allowTypeImports: true,
            },
          ],
        },
      ],
    },
  },
  {
    // The staff pages (TSX, server-rendered by Preact) escape every value; raw HTML would undo that.
    files: ['**/*.tsx'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: "JSXAttribute[name.name='dangerouslySetInnerHTML']",
          message: 'pages render escaped text; put words in i18n.ts and data in the view model',
        },
      ],
    },
  },
  {
    files: ['**/*.js', '**/*.cjs'],
    languageOptions: {
      globals: { module: 'writable', require: 'readonly', __dirname: 'readonly', process: 'readonly' },
    },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);
