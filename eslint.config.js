// Lint rules, including the layer boundaries of docs/architecture.md:
// core imports nothing outside core; an adapter never imports another adapter; only main wires them.
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const adapterFolders = ['storage', 'hashing', 'http', 'cli', 'rate-limit', 'common-passwords', 'logging', 'crypto', 'breach', 'strength', 'import'];

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'data/**', 'coverage/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      eqeqeq: ['error', 'always'],
      'no-console': 'error',
    },
  },
  {
    files: ['src/core/**/*.ts'],
    ignores: ['src/core/**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['node:*', '*/adapters/*', '*/main/*', '../../adapters/*', '../../main/*'], message: 'core has no I/O and depends on nothing outside core' },
            { regex: '^[^.]', message: 'core imports only relative modules inside core' },
          ],
        },
      ],
    },
  },
  ...adapterFolders.map((folder) => ({
    files: [`src/adapters/${folder}/**/*.ts`],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: `^\\.\\./(\\.\\./)*(${adapterFolders.filter((f) => f !== folder).join('|')})/`,
              message: 'an adapter never imports another adapter; main wires them together',
            },
            { group: ['**/main/*'], message: 'only main imports everything' },
          ],
        },
      ],
    },
  })),
  {
    files: ['src/main/**/*.ts', 'src/adapters/cli/**/*.ts', 'bench/**/*.ts', 'scripts/**/*.ts'],
    rules: { 'no-console': 'off' },
  },
);
