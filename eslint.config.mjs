import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['**/out/**', 'dist/**', 'node_modules/**', '.cache/**', 'bench/generated/**', 'server/src/core/schema/generated/**', 'client/media/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    // scripts, benchmark, grammar builder, bins: Node.js (type-checked by tsconfig.scripts.json)
    files: ['**/*.js', '**/*.mjs'],
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
    },
  },
  {
    // page.evaluate() callbacks run in the browser
    files: ['bench/preview.mjs'],
    languageOptions: { globals: { ...globals.browser } },
  },
  {
    files: ['bin/*.js', 'scripts/*.js'],
    languageOptions: { sourceType: 'commonjs' },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    files: ['**/*.ts'],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
    },
  },
  {
    // the core is pure (docs/architecture.md); its tsconfig (types: []) also keeps Node.js out
    files: ['server/src/core/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: ['vscode-languageserver*', 'vscode', 'vscode-languageclient*', 'node:*', '**/language/**', '**/cli/**', '**/config/**'] }],
    },
  },
  {
    // The client (extension host and webview) takes the server's messages, types, names and shared
    // formatters through server/src/protocol.ts only (docs/architecture.md).
    files: ['client/src/**/*.ts', 'client/preview-src/**/*.ts'],
    ignores: ['client/src/test/**'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ regex: 'server/src/(?!protocol$)', message: 'the client imports the server only through server/src/protocol.ts (docs/architecture.md)' }] }],
    },
  },
);
