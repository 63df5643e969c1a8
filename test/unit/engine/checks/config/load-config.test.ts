import { truncateSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import {
  loadChtSyncConfig,
  MAX_CONFIG_BYTES,
} from '../../../../../src/main/engine/checks/config/load-config'
import { appErrorFrom } from '../../../../support/app-error'
import { makeTempDir } from '../../../../support/project-fixtures'

const temp = makeTempDir('load-config')
afterAll(() => temp.cleanup())

const file = (name: string, content: string | Buffer) => {
  const path = join(temp.dir, name)
  writeFileSync(path, content)
  return path
}

describe('loadChtSyncConfig', () => {
  it('reads the .env when one is chosen, even with a values.yaml beside it', async () => {
    const envPath = file('a.env', 'POSTGRES_USER=cht\n')
    const valuesPath = file('values.yaml', 'postgres:\n  user: other\n')
    const config = await loadChtSyncConfig({ envPath, valuesPath })
    expect(config?.kind).toBe('env')
    expect(config?.path).toBe(envPath)
    expect(config?.settings.POSTGRES_USER?.value).toBe('cht')
  })

  it('reads the values.yaml when no .env is chosen, and gives null when neither is', async () => {
    const valuesPath = file('values2.yaml', 'postgres:\n  user: other\n')
    const config = await loadChtSyncConfig({ envPath: null, valuesPath })
    expect(config?.kind).toBe('values')
    expect(config?.settings.POSTGRES_USER?.value).toBe('other')
    expect(await loadChtSyncConfig({ envPath: null, valuesPath: null })).toBeNull()
  })

  it('names the file when it is missing', async () => {
    const path = join(temp.dir, 'nowhere.env')
    const error = await appErrorFrom(loadChtSyncConfig({ envPath: path, valuesPath: null }))
    expect(error.code).toBe('FILE_NOT_FOUND')
    expect(error.message).toBe(`CHT Sync's .env file: There is no file at “${path}”.`)
  })

  it('refuses a file over 16 MB with a message saying what to check', async () => {
    const path = join(temp.dir, 'huge.env')
    writeFileSync(path, '')
    truncateSync(path, MAX_CONFIG_BYTES + 1)
    const error = await appErrorFrom(loadChtSyncConfig({ envPath: path, valuesPath: null }))
    expect(error.code).toBe('BAD_REQUEST')
    expect(error.message).toContain(`CHT Sync's .env file “${path}” is 16 MB`)
    expect(error.message).toContain('Check that the Set up step names the file itself.')
  })

  it('still gives a configuration for binary content and says a UTF-16 file is one', async () => {
    const binary = file('binary.env', Buffer.from([0xff, 0x00, 0xc3, 0x28, 0x41, 0x3d, 0x31]))
    const junk = await loadChtSyncConfig({ envPath: binary, valuesPath: null })
    expect(junk?.problems.length).toBeGreaterThan(0)
    const utf16 = file('utf16.env', Buffer.from('\ufeffPOSTGRES_USER=cht\r\n', 'utf16le'))
    const config = await loadChtSyncConfig({ envPath: utf16, valuesPath: null })
    expect(config?.problems[0]?.message).toContain('saved as UTF-16')
  })
})
