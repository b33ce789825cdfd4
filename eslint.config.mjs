// Lint rules that keep the trust boundaries (STYLE §1, ARCHITECTURE §4):
// - only src/extension.ts and src/editor/** may import `vscode`;
// - only src/runtime/sandbox/** may spawn processes (execa, child_process).
import tseslint from 'typescript-eslint';

const vscodeImport = { name: 'vscode', message: 'Only src/extension.ts and src/editor/ may import vscode.' };
const spawnImports = ['execa', 'child_process', 'node:child_process'].map((name) => ({
  name,
  message: 'Processes are spawned only inside src/runtime/sandbox/ (through the Gate).',
}));

export default tseslint.config(
  { ignores: ['dist/**', 'media/webview/**', 'node_modules/**', 'test/fixtures/**', 'out/**', '.fabric/**'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-require-imports': 'off',
    },
  },
  {
    files: ['src/**/*.ts'],
    ignores: ['src/extension.ts', 'src/editor/**', 'src/runtime/sandbox/**'],
    rules: { 'no-restricted-imports': ['error', { paths: [vscodeImport, ...spawnImports] }] },
  },
  {
    files: ['src/runtime/sandbox/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { paths: [vscodeImport] }] },
  },
  {
    files: ['src/editor/**/*.ts', 'src/extension.ts'],
    rules: { 'no-restricted-imports': ['error', { paths: spawnImports }] },
  },
);
