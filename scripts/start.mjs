#!/usr/bin/env node
// `npm start` (electron-vite preview) and `npm run dev` (electron-vite dev): checks for the
// Electron binary first, so that a machine without one gets a sentence instead of a stack trace.
import { spawn } from 'node:child_process'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { findElectronBinary, noElectronMessage } from './electron-binary.mjs'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const mode = process.argv[2]
if (mode !== 'preview' && mode !== 'dev') {
  process.stderr.write('Usage: node scripts/start.mjs preview|dev [electron-vite options]\n')
  process.exit(2)
}

const electron = findElectronBinary(root)
if (!electron.found) {
  process.stderr.write(`${noElectronMessage(electron.missing)}\n`)
  process.exit(1)
}

const cli = join(root, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js')
const child = spawn(process.execPath, [cli, mode, ...process.argv.slice(3)], {
  cwd: root,
  stdio: 'inherit',
  env: { ...process.env, ELECTRON_EXEC_PATH: electron.path },
})
// Ctrl+C reaches electron-vite from the terminal itself; wait for it to end rather than leave it.
process.on('SIGINT', () => undefined)
process.on('SIGTERM', () => child.kill('SIGTERM'))
child.on('exit', (code) => {
  process.exitCode = code ?? 1
})
