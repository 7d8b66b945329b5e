import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/', 'demo-output/', 'node_modules/', 'bench/results.json', '.scratch/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.browser, ...globals.node }, ecmaVersion: 2023, sourceType: 'module' },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      eqeqeq: ['error', 'always', { null: 'ignore' }],
      'no-eval': 'error',
      'no-implied-eval': 'error',
      'no-new-func': 'error',
    },
  },
  {
    // Page and fact text is never parsed as HTML: the card renders through Preact or textContent.
    files: ['src/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-properties': [
        'error',
        { property: 'innerHTML', message: 'Never parse strings as HTML; use Preact or textContent.' },
        { property: 'outerHTML', message: 'Never parse strings as HTML; use Preact or textContent.' },
        { property: 'insertAdjacentHTML', message: 'Never parse strings as HTML; use Preact or textContent.' },
        { object: 'document', property: 'write', message: 'Never parse strings as HTML.' },
      ],
      'no-restricted-syntax': [
        'error',
        { selector: "JSXAttribute[name.name='dangerouslySetInnerHTML']", message: 'Never parse strings as HTML.' },
      ],
    },
  },
  {
    // core runs unchanged in node, a worker and the page: no DOM in it.
    files: ['src/core/**/*.ts'],
    languageOptions: { globals: { ...globals.es2021 } },
    rules: {
      'no-restricted-globals': ['error', 'document', 'window', 'navigator', 'location', 'CSS', 'Node'],
    },
  },
);
