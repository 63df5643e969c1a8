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
  'worker_threads',
]
// Matched against the whole import source, so that `events` (Node) is refused and `./events` (ours)
// is not: gitignore-style `group` patterns match a bare name at any depth.
const nodeBuiltins = `^(?:node:.*|(?:${nodeModules.join('|')})(?:/.*)?)$`

const noElectron = {
  name: 'electron',
  message: 'Only src/main/electron and src/preload may import electron.',
}
/** Folders a layer must not reach: the layering goes one way (see design/style.md). */
const above = (names, why) => ({
  group: names.flatMap((n) => [`**/${n}/**`, `**/${n}`]),
  message: why,
})
const RENDERER = above(['renderer'], 'Main-side code never depends on the renderer.')

/** One `no-restricted-imports` rule for a layer: its banned modules and folders. */
const restrict = (files, paths, patterns) => ({
  files,
  rules: { 'no-restricted-imports': ['error', { paths, patterns }] },
})

/**
 * Where code may run decides what it may import, and the layers depend one way only (VS Code's
 * layering rule): shared ← engine ← api ← faces (serve, cli, electron). See design/style.md,
 * "Folders named after where code may run".
 */
export default tseslint.config(
  {
    ignores: ['out/**', 'dist/**', 'node_modules/**', 'test-results/**', 'playwright-report/**'],
  },
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
    // A promise nobody awaits hides its failure: mark deliberate fire-and-forget with `void`.
    files: ['src/**/*.{ts,tsx}', 'test/**/*.ts', 'bench/**/*.ts'],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: { '@typescript-eslint/no-floating-promises': 'error' },
  },
  {
    files: ['bin/**/*.cjs', 'build/**/*.cjs'],
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    files: ['src/renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: reactHooks.configs.recommended.rules,
  },
  restrict(
    ['src/renderer/**/*.{ts,tsx}'],
    [
      {
        name: 'electron',
        message: 'The renderer talks to the main process only through the api client.',
      },
      { name: 'pg', message: 'Database access belongs to the engine (src/main/engine).' },
      { name: 'nano', message: 'Database access belongs to the engine (src/main/engine).' },
    ],
    [
      { regex: nodeBuiltins, message: 'The renderer runs in a sandboxed page: no Node built-ins.' },
      {
        group: ['**/main/**', '**/preload/**'],
        message: 'The renderer may import only src/shared and its own files.',
      },
    ],
  ),
  restrict(
    ['src/shared/**/*.ts'],
    ['electron', 'pg', 'nano', 'react'],
    [
      { regex: nodeBuiltins, message: 'src/shared runs anywhere: no Node built-ins.' },
      {
        group: ['**/main/**', '**/renderer/**', '**/preload/**'],
        message: 'src/shared imports nothing but itself and zod.',
      },
    ],
  ),
  restrict(
    ['src/main/engine/**/*.ts'],
    [noElectron],
    [
      RENDERER,
      above(
        ['api', 'serve', 'cli', 'electron'],
        'The engine never depends on the api layer or a face: they call it, not the reverse.',
      ),
    ],
  ),
  restrict(
    ['src/main/api/**/*.ts'],
    [noElectron],
    [
      RENDERER,
      above(
        ['serve', 'cli', 'electron'],
        'The api layer never depends on a face: every face calls it the same way.',
      ),
    ],
  ),
  restrict(
    ['src/main/serve/**/*.ts'],
    [noElectron],
    [RENDERER, above(['cli', 'electron'], 'Browser mode does not depend on another face.')],
  ),
  restrict(
    ['src/main/cli/**/*.ts'],
    [noElectron],
    [
      RENDERER,
      above(['electron'], 'The CLI (and the browser mode it hosts) never loads Electron.'),
    ],
  ),
  restrict(
    ['src/main/electron/**/*.ts'],
    [
      {
        name: 'electron',
        importNames: ['ipcMain'],
        message: 'Only src/main/electron/ipc.ts registers IPC handlers (SEC-04).',
      },
    ],
    [RENDERER, above(['cli', 'serve'], 'The Electron face does not depend on another face.')],
  ),
  {
    files: ['src/main/electron/ipc.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [RENDERER] }] },
  },
  restrict(
    ['src/preload/**/*.ts'],
    [
      {
        name: 'electron',
        importNames: ['ipcRenderer'],
        message: 'Only src/preload/index.ts hands ipcRenderer to the bridge (SEC-03).',
      },
    ],
    [
      {
        regex: nodeBuiltins,
        message: 'The sandboxed preload may import only electron and bundled files (SEC-02).',
      },
      { group: ['**/main/**'], message: 'The preload may import only src/shared and electron.' },
    ],
  ),
  {
    files: ['src/preload/index.ts'],
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
