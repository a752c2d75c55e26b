// ESLint 9 flat config for the whole workspace: typescript-eslint's recommended rules (syntax only,
// no type information, so the lint stays fast) plus the architecture: a room per subgraph.
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import comments from '@eslint-community/eslint-plugin-eslint-comments/configs';
import js from '@eslint/js';
import { defineConfig } from 'eslint/config';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const root = import.meta.dirname;

/** The workspace packages in a folder (`services`, `infra`), as `{ dir, name }`, read from disk so a new one is covered without editing this file. */
function packagesIn(folder) {
  return readdirSync(join(root, folder), { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && existsSync(join(root, folder, entry.name, 'package.json')))
    .map((entry) => ({ dir: entry.name, name: JSON.parse(readFileSync(join(root, folder, entry.name, 'package.json'), 'utf8')).name }));
}

const escape = (text) => text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
const services = packagesIn('services');
// What a service may import from the workspace: the infra libraries. `@vg/dev` is the runner that starts everything, not a library.
const infraLibraries = packagesIn('infra').filter(({ name }) => name !== '@vg/dev');
const gatewayName = JSON.parse(readFileSync(join(root, 'gateway', 'package.json'), 'utf8')).name;

/** no-restricted-imports patterns forbidding these package names (and deep imports into them) and relative paths into these folders. */
function forbid({ packages, folders, message }) {
  const patterns = [];
  if (packages.length) patterns.push({ regex: `^(${packages.map(escape).join('|')})(/|$)`, message });
  // A relative path that climbs out (`../`) and then names the folder, e.g. `../../../projects/src/x` or `../../services/projects`.
  if (folders.length) patterns.push({ regex: `^(\\.\\./)+((services|infra)/)?(${folders.map(escape).join('|')})(/|$)`, message });
  return patterns;
}

const serviceBlocks = services.map(({ dir, name }) => ({
  files: [`services/${dir}/**/*.{ts,js,mjs,cjs}`],
  rules: {
    'no-restricted-imports': [
      'error',
      {
        patterns: [
          {
            // Any workspace package other than an infra library: another service, the gateway, schema, the e2e tests, the dev runner.
            regex: `^@vg/(?!(${infraLibraries.map(({ name: lib }) => escape(lib.slice('@vg/'.length))).join('|')})(/|$))`,
            message: `${name} may import only infra packages (${infraLibraries.map((lib) => lib.name).join(', ')}) and npm packages. What crosses services goes through federation keys.`,
          },
          ...forbid({
            packages: [],
            folders: [...services.filter((other) => other.dir !== dir).map((other) => other.dir), 'gateway'],
            message: `${name} must not reach into another service or the gateway by a relative path; import an infra package instead.`,
          }),
        ],
      },
    ],
  },
}));

export default defineConfig(
  {
    ignores: [
      '**/node_modules/**',
      '**/dist/**',
      '**/coverage/**',
      '.data/**',
      'services/*/src/generated/**',
      'test/src/generated/**',
      'schema/supergraph.graphql',
      // Scaffolding copied by `pnpm new-subgraph`: placeholders, not code until the copy is made.
      'infra/dev/templates/**',
    ],
  },
  js.configs.recommended,
  tseslint.configs.recommended,
  comments.recommended,
  {
    languageOptions: {
      ecmaVersion: 2023,
      sourceType: 'module',
      globals: { ...globals.node },
    },
    linterOptions: {
      reportUnusedDisableDirectives: 'error',
    },
    rules: {
      // `_`-prefixed names are deliberately unused (positional resolver arguments, destructuring to drop a field).
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_', ignoreRestSiblings: true },
      ],
      // Every eslint-disable names its rules and says why (`// eslint-disable-next-line rule -- reason`).
      '@eslint-community/eslint-comments/require-description': ['error', { ignore: ['eslint-enable'] }],
      '@eslint-community/eslint-comments/no-unlimited-disable': 'error',
    },
  },
  {
    // CommonJS config files at the root (jest.config.js).
    files: ['**/*.{js,cjs}'],
    languageOptions: { sourceType: 'commonjs' },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    // Tests and the bench read untyped JSON responses; `any` there is asserted by the test itself.
    // (Turn this back on once the e2e suite reads responses through typed operations.)
    files: ['**/*.test.ts', 'test/**/*.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  ...serviceBlocks,
  {
    files: ['infra/**/*.{ts,js,mjs,cjs}'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: forbid({
            packages: [...services.map(({ name }) => name), gatewayName],
            folders: [...services.map(({ dir }) => dir), 'gateway'],
            message: 'infra packages have no domain words: they never import a service or the gateway (services are loaded by path from the registry).',
          }),
        },
      ],
    },
  },
  {
    files: ['gateway/**/*.{ts,js,mjs,cjs}'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: forbid({
            packages: services.map(({ name }) => name),
            folders: services.map(({ dir }) => dir),
            message: 'the gateway reaches subgraphs over HTTP through the supergraph, never by importing a service.',
          }),
        },
      ],
    },
  },
);
