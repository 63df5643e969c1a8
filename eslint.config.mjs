import js from '@eslint/js'
import tseslint from 'typescript-eslint'
import reactHooks from 'eslint-plugin-react-hooks'
import globals from 'globals'

const nodeModules = [
  'fs',
  'path',
  'os',
  'child_process',
  'http',
  'https',
  'net',
  'crypto',
  'url',
  'stream',
  'events',
  'util',
]
// Matched against the whole import source, so that `events` (Node) is refused and `./events` (ours)
// is not: gitignore-style `group` patterns match a bare name at any depth.
const nodeBuiltins = `^(?:node:.*|(?:${nodeModules.join('|')})(?:/.*)?)$`

/** Where code may run decides what it may import (see design/style.md, "Folders named after where code may run"). */
export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', 'test-results/**', 'playwright-report/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
    },
  },
  {
    files: ['bin/**/*.cjs'],
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    files: ['src/renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'no-restricted-imports': [
        'error',
        {
          paths: [
            {
              name: 'electron',
              message: 'The renderer talks to the main process only through the api client.',
            },
            { name: 'pg', message: 'Database access belongs to the engine (src/main/engine).' },
            { name: 'nano', message: 'Database access belongs to the engine (src/main/engine).' },
          ],
          patterns: [
            {
              regex: nodeBuiltins,
              message: 'The renderer runs in a sandboxed page: no Node built-ins.',
            },
            {
              group: ['**/main/**', '**/preload/**'],
              message: 'The renderer may import only src/shared and its own files.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['src/shared/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: ['electron', 'pg', 'nano', 'react'],
          patterns: [
            { regex: nodeBuiltins, message: 'src/shared runs anywhere: no Node built-ins.' },
            {
              group: ['**/main/**', '**/renderer/**', '**/preload/**'],
              message: 'src/shared imports nothing but itself and zod.',
            },
          ],
        },
      ],
    },
  },
  {
    files: [
      'src/main/engine/**/*.ts',
      'src/main/api/**/*.ts',
      'src/main/serve/**/*.ts',
      'src/main/cli/**/*.ts',
    ],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            {
              name: 'electron',
              message: 'Only src/main/electron and src/preload may import electron.',
            },
          ],
          patterns: [
            {
              group: ['**/electron/**', '**/renderer/**'],
              message: 'Plain Node code must not depend on the Electron face or the renderer.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['src/preload/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: nodeBuiltins,
              message: 'The sandboxed preload may import only electron and bundled files (SEC-02).',
            },
            {
              group: ['**/main/**'],
              message: 'The preload may import only src/shared and electron.',
            },
          ],
        },
      ],
    },
  },
)
