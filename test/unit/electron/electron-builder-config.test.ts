import { existsSync, readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import type { DebugLogger } from 'builder-util'
import { getConfig, validateConfiguration } from 'app-builder-lib/out/util/config/config'
import { getPngSize } from 'app-builder-lib/out/util/iconConverter'

// Packaging needs an Electron download this machine cannot make, so the packaging configuration
// is checked the way electron-builder itself reads it: loaded from electron-builder.yml and
// validated against electron-builder's own schema (an unknown or misspelt key fails).

const PROJECT_DIR = resolve(__dirname, '../../..')
const quietLogger = { isEnabled: false, add: () => undefined } as unknown as DebugLogger
const inProject = (path: string) => resolve(PROJECT_DIR, path)

describe('electron-builder.yml', () => {
  it('passes electron-builder’s own validation', async () => {
    const config = await getConfig(PROJECT_DIR, null, null)
    await expect(validateConfiguration(config, quietLogger)).resolves.toBeUndefined()
  })

  it('flips every SEC-08 fuse', async () => {
    const config = await getConfig(PROJECT_DIR, null, null)
    expect(config.electronFuses).toEqual({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableCookieEncryption: true,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      grantFileProtocolExtraPrivileges: false,
    })
  })

  it('packs only the build output and runtime assets into an asar archive', async () => {
    const config = await getConfig(PROJECT_DIR, null, null)
    expect(config.asar).toBe(true)
    const patterns = [config.files]
      .flat()
      .flatMap((entry) => (typeof entry === 'string' ? [entry] : [entry?.filter ?? []].flat()))
    expect(patterns).toEqual(['out/**', 'resources/**', 'package.json'])
    expect(config.appId).toBe('org.communityhealthtoolkit.cht-migrate')
    expect(config.productName).toBe('CHT Sync Migration Wizard')
  })

  it('builds AppImage and deb, dmg and nsis', async () => {
    const config = await getConfig(PROJECT_DIR, null, null)
    expect(config.linux?.target).toEqual(['AppImage', 'deb'])
    expect(config.mac?.target).toEqual(['dmg'])
    expect(config.win?.target).toEqual(['nsis'])
  })
})

describe('electron-builder.yml, per platform', () => {
  it('signs for macOS with the hardened runtime and the entitlements in build/', async () => {
    const config = await getConfig(PROJECT_DIR, null, null)
    expect(config.mac).toMatchObject({ hardenedRuntime: true, gatekeeperAssess: false })
    expect(config.mac?.entitlements).toBe('build/entitlements.mac.plist')
    expect(config.mac?.entitlementsInherit).toBe('build/entitlements.mac.plist')
    const plist = readFileSync(inProject('build/entitlements.mac.plist'), 'utf8')
    const granted = [...plist.matchAll(/<key>([^<]+)<\/key>\s*<true\/>/g)].map((m) => m[1])
    expect(granted).toEqual([
      'com.apple.security.cs.allow-jit',
      'com.apple.security.cs.allow-unsigned-executable-memory',
      'com.apple.security.cs.disable-library-validation',
    ])
  })

  it('installs on Windows for the current user, into a folder the user can choose', async () => {
    const config = await getConfig(PROJECT_DIR, null, null)
    expect(config.nsis).toMatchObject({
      oneClick: false,
      perMachine: false,
      allowToChangeInstallationDirectory: true,
    })
  })

  it('opens *.chtmig.json project files, with a MIME type for Linux', async () => {
    const config = await getConfig(PROJECT_DIR, null, null)
    expect(config.fileAssociations).toEqual([
      {
        ext: 'chtmig.json',
        name: 'CHT Sync migration project',
        description: 'CHT Sync migration project',
        role: 'Editor',
        mimeType: 'application/x-chtmig+json',
      },
    ])
  })

  it('converts one 512x512 icon for every platform, and keeps the window’s own', async () => {
    const config = await getConfig(PROJECT_DIR, null, null)
    for (const options of [config.linux, config.mac, config.win]) {
      expect(options?.icon).toBe('build/icon.png')
    }
    // electron-builder's own reader; 512 is its minimum for .icns (256 for .ico).
    for (const icon of ['build/icon.png', 'resources/icon.png']) {
      expect(existsSync(inProject(icon))).toBe(true)
      expect(await getPngSize(inProject(icon))).toEqual({ width: 512, height: 512 })
    }
  })
})
