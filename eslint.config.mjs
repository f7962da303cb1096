/**
 * ESLint (flat config): `npm run lint` checks, `npm run format` fixes (eslint --fix), `npm test` runs
 * the check beside jest (scripts/test.js).
 *
 * - typescript-eslint's `recommended` set, not the type-checked one: that one took 27 CPU-s (67 s on
 *   the busy 2-core machine) instead of 9, and its ~1,400 new findings were no-unsafe-* reports on
 *   the code that reads synthesised manifests as `any` on purpose.
 * - The formatter is @stylistic/eslint-plugin, tuned to the code as it is (2-space indent, single
 *   quotes, semicolons, trailing commas in multiline literals, `x => ...` without parentheses, `+`
 *   at the end of a wrapped line and `? :` `&& ||` at the start): formatting the tree changed 11
 *   lines, where prettier 3.10 with the closest options (single quotes, no arrow parentheses, print
 *   width 150 to 200) would rewrite 1,900 to 2,100 lines in 178 to 184 of the 243 files.
 * - Size limits: no function over 80 lines and no file over 400 (blank lines and comments not
 *   counted). Tests are exempt from the function limit: a describe() callback is a list of tests.
 */
import js from '@eslint/js';
import stylistic from '@stylistic/eslint-plugin';
import { defineConfig, globalIgnores, includeIgnoreFile } from 'eslint/config';
import globals from 'globals';
import { fileURLToPath } from 'node:url';
import tseslint from 'typescript-eslint';

const SOURCES = ['constructs/**/*.ts', 'lab/**/*.ts', 'main.ts', 'scripts/**/*.{ts,js}', 'validation-plugin/src/**/*.ts'];

export default defineConfig(
  // what git ignores (lib/, .dist-*/, ...), and the generated files it keeps: the synthesised YAML and the cdk8s import bindings
  includeIgnoreFile(fileURLToPath(new URL('.gitignore', import.meta.url))),
  globalIgnores(['dist/', 'dist-*/', 'imports/', 'validation-plugin/lib/', '**/*.d.ts']),
  { linterOptions: { reportUnusedDisableDirectives: 'error' } },
  js.configs.recommended,
  tseslint.configs.recommended,
  stylistic.configs.customize({ indent: 2, quotes: 'single', semi: true, jsx: false, braceStyle: '1tbs', commaDangle: 'always-multiline', arrowParens: false }),
  {
    languageOptions: { globals: globals.node },
    rules: {
      // `interface XxxProps extends YyyOptions {}`: jsii wants a props interface named after each construct
      '@typescript-eslint/no-empty-object-type': ['error', { allowInterfaces: 'with-single-extends' }],
      // as tsc's noUnusedParameters: `_name` marks a parameter kept for the signature; `{ a: _a, ...rest }` drops a key
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', ignoreRestSiblings: true }],
      // off: the regexes that name control characters do so on purpose (characters unsafe in an nginx path, non-ASCII)
      'no-control-regex': 'off',

      '@stylistic/max-len': ['error', { code: 150, ignoreStrings: true, ignoreTemplateLiterals: true, ignoreUrls: true, ignoreRegExpLiterals: true }],
      '@stylistic/operator-linebreak': ['error', 'before', { overrides: { '+': 'after' } }],
      '@stylistic/arrow-parens': ['error', 'as-needed'],
      '@stylistic/quotes': ['error', 'single', { avoidEscape: true, allowTemplateLiterals: 'always' }],
      // short blocks on one line (`x => { a(); b(); }`, `if (...) { ...; continue; }`) are the house style
      '@stylistic/max-statements-per-line': ['error', { max: 3 }],
      // ternaries continue as `? a` / `: b` lines under the test, objects inside them at the property's indent
      '@stylistic/indent': ['error', 2, { SwitchCase: 1, offsetTernaryExpressions: false, ignoredNodes: ['TSUnionType', 'TSIntersectionType'] }],
      // off: a wrapped string concatenation continues one level in, which this rule (experimental) measures differently
      '@stylistic/indent-binary-ops': 'off',
      // off: `cond ? a` on one line and `: b` on the next is the house style for long ternaries
      '@stylistic/multiline-ternary': 'off',
      // off: label and annotation maps mix plain and dotted keys (`{ app: 'web', 'app.kubernetes.io/part-of': 'x' }`),
      // and option tables quote every key alike
      '@stylistic/quote-props': 'off',

      'max-lines': ['error', { max: 400, skipBlankLines: true, skipComments: true }],
    },
  },
  {
    files: SOURCES,
    rules: { 'max-lines-per-function': ['error', { max: 80, skipBlankLines: true, skipComments: true }] },
  },
  {
    // off where synthesised manifests (JSON of any shape) are read as `any` on purpose: the library's app-wide
    // checks and Topology, the lab's chart reader, the tests; the type-check still holds everything else
    files: ['constructs/**/*.ts', 'lab/stages.ts', '__tests__/**/*.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  {
    // the plain-JavaScript files are CommonJS (package.json has no "type"), loaded before anything is compiled
    files: ['**/*.js'],
    languageOptions: { sourceType: 'commonjs' },
    rules: {
      '@typescript-eslint/no-require-imports': 'off',
      // `const crypto = require('crypto')` in a module's own scope is not a redeclaration of Node's global
      'no-redeclare': ['error', { builtinGlobals: false }],
    },
  },
);
