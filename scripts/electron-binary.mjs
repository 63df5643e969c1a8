// Finds the Electron binary for `npm start` and `npm run dev` without loading the `electron`
// package: loading it starts a download of the binary and throws where that cannot happen.
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'

/**
 * Where the Electron binary is, or why there is none. `ELECTRON_EXEC_PATH` (electron-vite's own
 * override) wins; otherwise the electron package's `path.txt` names the binary under its `dist/`,
 * both written only once the binary has been downloaded.
 *
 * @param {string} root The repository (where `node_modules` is).
 * @param {Record<string, string | undefined>} env
 * @returns {{ found: true, path: string } | { found: false, missing: string }}
 */
export function findElectronBinary(root, env = process.env) {
  const override = env.ELECTRON_EXEC_PATH
  if (override) {
    return existsSync(override)
      ? { found: true, path: override }
      : { found: false, missing: `ELECTRON_EXEC_PATH names ${override}, which does not exist` }
  }
  const packageDir = join(root, 'node_modules', 'electron')
  if (!existsSync(join(packageDir, 'package.json'))) {
    return { found: false, missing: 'the electron package is not installed (run `npm ci`)' }
  }
  const pathFile = join(packageDir, 'path.txt')
  const name = existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() : ''
  const binary = name === '' ? null : join(packageDir, 'dist', name)
  if (binary === null || !existsSync(binary)) {
    return {
      found: false,
      missing:
        'the Electron binary has not been downloaded into node_modules/electron/dist (`npx install-electron` fetches it from GitHub)',
    }
  }
  return { found: true, path: binary }
}

/**
 * The one sentence `npm start` prints when there is no binary: what is missing, and the browser
 * mode that needs none.
 *
 * @param {string} missing
 */
export function noElectronMessage(missing) {
  return `The desktop app cannot start: ${missing}; \`npx cht-migrate serve\` runs the same wizard in your browser.`
}
