import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { SslFileError } from '../../../../src/main/engine/db/errors'
import {
  APPLICATION_NAME,
  DEFAULT_POSTGRES_LIMITS,
  postgresConfig,
} from '../../../../src/main/engine/db/pool-config'
import {
  loadSslFiles,
  MAX_SSL_FILE_BYTES,
  readSslFile,
} from '../../../../src/main/engine/db/ssl-files'
import { makeTempDir } from '../../../support/project-fixtures'

/** The session settings of a profile (SEC-12) and its TLS files, read bounded from disk. */
const profile = {
  host: 'db.example.org',
  port: 5432,
  database: 'cht',
  user: 'reader',
  ssl: 'disable' as const,
}

describe('postgresConfig', () => {
  it('starts every session read-only, named, with the limits', () => {
    const config = postgresConfig(profile, 'secret')
    expect(config).toMatchObject({
      host: 'db.example.org',
      port: 5432,
      database: 'cht',
      user: 'reader',
      password: 'secret',
      ssl: false,
      application_name: APPLICATION_NAME,
      options: '-c default_transaction_read_only=on',
      connectionTimeoutMillis: DEFAULT_POSTGRES_LIMITS.connectTimeoutMs,
      statement_timeout: DEFAULT_POSTGRES_LIMITS.statementTimeoutMs,
      idle_in_transaction_session_timeout: DEFAULT_POSTGRES_LIMITS.idleInTransactionTimeoutMs,
    })
  })

  it('leaves the password out when there is none, so pg can use PGPASSWORD and .pgpass', () => {
    const config = postgresConfig(profile, null)
    expect('password' in config).toBe(false)
  })

  it('follows libpq’s TLS modes, with the CA and client certificate', () => {
    const ca = Buffer.from('ca')
    const cert = Buffer.from('cert')
    const key = Buffer.from('key')
    expect(postgresConfig({ ...profile, ssl: 'require' }, null).ssl).toEqual({
      rejectUnauthorized: false,
    })
    expect(postgresConfig({ ...profile, ssl: 'verify-full' }, null, undefined, { ca }).ssl).toEqual(
      { ca, rejectUnauthorized: true },
    )
    // `require` with a root certificate checks the chain but not the name (libpq's verify-ca).
    const verifyCa = postgresConfig({ ...profile, ssl: 'require' }, null, undefined, {
      ca,
      cert,
      key,
    }).ssl as Record<string, unknown>
    expect(verifyCa).toMatchObject({ ca, cert, key, rejectUnauthorized: true })
    expect((verifyCa.checkServerIdentity as () => unknown)()).toBeUndefined()
  })

  it('never uses TLS over a Unix socket', () => {
    const socket = { ...profile, host: '/var/run/postgresql', ssl: 'verify-full' as const }
    expect(postgresConfig(socket, null).ssl).toBe(false)
  })
})

describe('TLS files', () => {
  let dir: string
  let cleanup: () => void
  beforeEach(() => {
    ;({ dir, cleanup } = makeTempDir('ssl-files'))
  })
  afterEach(() => cleanup())

  it('reads a regular file', async () => {
    writeFileSync(join(dir, 'ca.pem'), '-----BEGIN CERTIFICATE-----\n')
    expect((await readSslFile(join(dir, 'ca.pem'), 'ca')).toString()).toMatch(/BEGIN CERTIFICATE/)
  })

  it.each([
    [
      'a missing file',
      (d: string) => join(d, 'missing.pem'),
      /The CA certificate file “.*missing.pem” could not be opened \(no such file\)/,
    ],
    [
      'a folder',
      (d: string) => (mkdirSync(join(d, 'folder')), join(d, 'folder')),
      /is not a regular file/,
    ],
    [
      'an empty file',
      (d: string) => (writeFileSync(join(d, 'empty.pem'), ''), join(d, 'empty.pem')),
      /is empty/,
    ],
    [
      'a file over the limit',
      (d: string) => (
        writeFileSync(join(d, 'big.pem'), Buffer.alloc(MAX_SSL_FILE_BYTES + 1)),
        join(d, 'big.pem')
      ),
      /is 257 KB; a certificate or key file is at most 256 KB/,
    ],
  ])('refuses %s with a message naming it', async (_what, make, message) => {
    const error = await readSslFile(make(dir), 'ca').catch((e: unknown) => e)
    expect(error).toBeInstanceOf(SslFileError)
    expect((error as Error).message).toMatch(message)
  })

  it('refuses a certificate without its key, and the other way round', async () => {
    await expect(loadSslFiles({ ca: null, cert: '/c.pem', key: null })).rejects.toThrow(
      /client certificate is set without its client key/,
    )
    await expect(loadSslFiles({ ca: null, cert: null, key: '/k.pem' })).rejects.toThrow(
      /client key is set without its client certificate/,
    )
    expect(await loadSslFiles(undefined)).toEqual({})
    expect(await loadSslFiles({ ca: null, cert: null, key: null })).toEqual({})
  })

  it('loads the files a profile names', async () => {
    for (const name of ['ca', 'cert', 'key']) writeFileSync(join(dir, `${name}.pem`), name)
    const files = await loadSslFiles({
      ca: join(dir, 'ca.pem'),
      cert: join(dir, 'cert.pem'),
      key: join(dir, 'key.pem'),
    })
    expect(Object.fromEntries(Object.entries(files).map(([k, v]) => [k, v.toString()]))).toEqual({
      ca: 'ca',
      cert: 'cert',
      key: 'key',
    })
  })
})
