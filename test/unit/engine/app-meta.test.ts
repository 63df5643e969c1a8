import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import {
  APP_NAME,
  APP_VERSION,
  defaultConfigDir,
  defaultProjectDir,
  defaultUserName,
} from '../../../src/main/engine/app-meta'

const pkg = JSON.parse(readFileSync(join(__dirname, '../../../package.json'), 'utf8'))

describe('app meta', () => {
  it('names the app and takes its version from package.json', () => {
    expect(APP_NAME).toBe('cht-migrate')
    expect(APP_VERSION).toBe(pkg.version)
  })

  describe('defaultConfigDir', () => {
    const home = '/home/amina'
    it.each([
      ['linux', {}, '/home/amina/.config/cht-migrate'],
      ['linux', { XDG_CONFIG_HOME: '/xdg' }, '/xdg/cht-migrate'],
      ['linux', { XDG_CONFIG_HOME: '' }, '/home/amina/.config/cht-migrate'],
      ['darwin', {}, '/home/amina/Library/Application Support/cht-migrate'],
      ['linux', { CHT_MIGRATE_CONFIG_DIR: '/opt/cfg' }, '/opt/cfg'],
    ] as const)('on %s with %j: %s', (platform, env, expected) => {
      expect(defaultConfigDir({ platform, env, home })).toBe(expected)
    })

    it('uses %APPDATA% on Windows, with Windows separators', () => {
      const env = { APPDATA: 'C:\\Users\\amina\\AppData\\Roaming' }
      expect(defaultConfigDir({ platform: 'win32', env, home: 'C:\\Users\\amina' })).toBe(
        'C:\\Users\\amina\\AppData\\Roaming\\cht-migrate',
      )
      expect(defaultConfigDir({ platform: 'win32', env: {}, home: 'C:\\Users\\amina' })).toBe(
        'C:\\Users\\amina\\AppData\\Roaming\\cht-migrate',
      )
    })
  })

  describe('defaultProjectDir', () => {
    const home = '/home/amina'
    it('prefers ~/Documents/CHT migrations where Documents exists', () => {
      const exists = (p: string) => p === '/home/amina/Documents'
      expect(defaultProjectDir({ platform: 'linux', env: {}, home, exists })).toBe(
        '/home/amina/Documents/CHT migrations',
      )
    })

    it('falls back to ~/cht-migrations on a server without Documents', () => {
      expect(defaultProjectDir({ platform: 'linux', env: {}, home, exists: () => false })).toBe(
        '/home/amina/cht-migrations',
      )
    })

    it('follows CHT_MIGRATE_PROJECT_DIR', () => {
      const env = { CHT_MIGRATE_PROJECT_DIR: '/srv/migrations' }
      expect(defaultProjectDir({ platform: 'linux', env, home, exists: () => true })).toBe(
        '/srv/migrations',
      )
    })
  })

  describe('defaultUserName', () => {
    it('uses the login name', () => {
      expect(defaultUserName(() => 'amina')).toBe('amina')
    })

    it('falls back to "me" when there is no passwd entry or no name', () => {
      expect(
        defaultUserName(() => {
          throw new Error('ENOENT: no passwd entry')
        }),
      ).toBe('me')
      expect(defaultUserName(() => '  ')).toBe('me')
    })

    it('works on this machine', () => {
      expect(defaultUserName()).toMatch(/\S/)
    })
  })
})
