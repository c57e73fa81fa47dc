// Lint rules, including the house's layering (DESIGN.md "Rules of the house"):
// a broken layer rule fails `npm test`.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

const noSandboxInProduct = {
  group: ['**/test/**', '**/test/sandbox/**'],
  message: 'The product never imports test code or the sandbox cluster.',
};

export default tseslint.config(
  {
    ignores: ['node_modules/', 'out/', 'dist/', '.sandbox/', 'test-results/', 'playwright-report/'],
  },
  js.configs.recommended,
  ...tseslint.configs.strict,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    // The core is plain Node: only main/app/ may import electron; nothing in main/ imports the UI.
    files: ['main/**/*.ts'],
    ignores: ['main/app/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            {
              name: 'electron',
              message: 'Only main/app/ imports electron; the core must run without it.',
            },
          ],
          patterns: [
            noSandboxInProduct,
            { group: ['**/renderer/**'], message: 'The core never imports the renderer.' },
          ],
        },
      ],
    },
  },
  {
    files: ['main/app/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            noSandboxInProduct,
            { group: ['**/renderer/**'], message: 'The core never imports the renderer.' },
          ],
        },
      ],
    },
  },
  {
    // The renderer talks to the core only through the contract in main/api/contract.
    files: ['renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            {
              name: 'electron',
              message: 'The renderer reaches the core through the contract only.',
            },
          ],
          patterns: [
            noSandboxInProduct,
            {
              regex: '(^|/)main/(?!api/contract(/|$))',
              message: 'The renderer may import only main/api/contract from the core.',
            },
            {
              group: ['node:*'],
              message: 'The renderer runs in a sandboxed page: no Node modules.',
            },
          ],
        },
      ],
    },
  },
  {
    // The sandbox cluster is test infrastructure: it must not lean on product code either,
    // so it stays an independent model of a real API server.
    files: ['test/sandbox/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '(^|/)main/',
              message: 'The sandbox models a real cluster; it must not import the product.',
            },
          ],
        },
      ],
    },
  },
);
