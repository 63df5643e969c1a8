import { resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import type { DebugLogger } from 'builder-util'
import { getConfig, validateConfiguration } from 'app-builder-lib/out/util/config/config'

// Packaging needs an Electron download this machine cannot make, so the packaging configuration
// is checked the way electron-builder itself reads it: loaded from electron-builder.yml and
// validated against electron-builder's own schema (an unknown or misspelt key fails).

const PROJECT_DIR = resolve(__dirname, '../../..')
const quietLogger = { isEnabled: false, add: () => undefined } as unknown as DebugLogger

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
