import { describe, expect, it } from 'vitest'
import { parseEnvFile } from '../../../../src/main/engine/checks/config/env-file'
import { chtSyncEnvBlock } from '../../../../src/shared/commands/env-file'
import { runOnEnv } from '../../../support/config-check-run'
import { connectedSource, emptySource, SECRETS } from './command-fixtures'

/** The values of a generated `.env` as the engine's own reader (dotenv) reads them. */
function valuesOf(text: string): Record<string, string> {
  const config = parseEnvFile(text, '/srv/cht-sync/.env')
  expect(config.problems).toEqual([])
  expect(config.duplicates).toEqual([])
  return Object.fromEntries(config.entries.map((e) => [e.key, e.value]))
}

describe('the CHT Sync .env', () => {
  it('fills the production profile from the connections, read back as written', () => {
    const block = chtSyncEnvBlock(connectedSource(), 'production')
    expect(block.language).toBe('env')
    const values = valuesOf(block.text)
    expect(values).toMatchObject({
      COMPOSE_PROJECT_NAME: 'cht-sync',
      POSTGRES_USER: 'cht sync',
      POSTGRES_DB: 'cht_sync',
      POSTGRES_SCHEMA: 'analytics',
      POSTGRES_TABLE: 'raw docs',
      POSTGRES_HOST: 'db.example.org',
      POSTGRES_PORT: '5433',
      COUCHDB_USER: "o'brien",
      COUCHDB_DBS: 'medic,medic-sentinel,medic-users-meta',
      COUCHDB_HOST: 'www.cht.example.org',
      COUCHDB_PORT: '443',
      COUCHDB_SECURE: 'true',
      DATAEMON_INTERVAL: '5',
      DBT_THREAD_COUNT: '3',
      DBT_BATCH_SIZE: '100000',
    })
    expect(Object.keys(values)).toContain('CHT_PIPELINE_BRANCH_URL')
    expect(Object.keys(values)).not.toContain('DBT_LOCAL_PATH')
  })

  it('never writes a password, in a variable or in a URL', () => {
    for (const profile of ['local', 'production'] as const) {
      const { text } = chtSyncEnvBlock(connectedSource(), profile)
      for (const secret of SECRETS) expect(text).not.toContain(secret)
      const values = valuesOf(text)
      expect(values.POSTGRES_PASSWORD).toBe('<set this>')
      expect(values.COUCHDB_PASSWORD).toBe('<set this>')
      expect(text).not.toMatch(/:\/\/[^\s/]*:[^\s/]*@/)
    }
  })

  it('uses the names CHT Sync reads, not the documented typos', () => {
    const { text } = chtSyncEnvBlock(connectedSource(), 'production')
    const names = Object.keys(valuesOf(text))
    expect(names).not.toContain('DBT_THREADS')
    expect(text).not.toContain('medic_sentinel')
    expect(text).not.toMatch(/^COUCHDB_HOST=.*https?:/m)
  })

  it('passes the project’s own configuration checks, passwords aside', async () => {
    const { text } = chtSyncEnvBlock(connectedSource(), 'production')
    for (const id of [
      'setup.env-renamed',
      'setup.env-required',
      'setup.env-secure-port',
      'setup.env-interval',
      'setup.env-threads',
    ]) {
      const outcome = await runOnEnv(id, text)
      expect(outcome.verdict, `${id}: ${outcome.summary}`).toBe('pass')
    }
  })

  it('points the local profile at its own PostgreSQL and a dbt folder to fill in', () => {
    const block = chtSyncEnvBlock(connectedSource(), 'local')
    const values = valuesOf(block.text)
    expect(values.POSTGRES_HOST).toBe('postgres')
    expect(values.POSTGRES_PORT).toBe('5432')
    expect(values.DBT_LOCAL_PATH).toBe('<path to your dbt project>')
    expect(block.missing.join(' ')).toContain('DBT_LOCAL_PATH')
  })

  it('says what is missing without a connection, with placeholders in place of values', () => {
    const block = chtSyncEnvBlock(emptySource(), 'production')
    const values = valuesOf(block.text)
    expect(values.POSTGRES_HOST).toBe('<host>')
    expect(values.COUCHDB_HOST).toBe('<host>')
    expect(block.missing.join(' ')).toMatch(/No CHT Sync PostgreSQL connection/)
    expect(block.missing.join(' ')).toMatch(/No CHT CouchDB connection/)
    expect(block.missing.join(' ')).toMatch(/usual pair/)
  })

  it('warns that a loopback address inside a container is the container itself', () => {
    const source = connectedSource()
    source.connections.couchdb = { url: 'http://127.0.0.1:5984', username: 'admin' }
    const { text } = chtSyncEnvBlock(source, 'production')
    expect(text).toContain('host.docker.internal')
    const values = valuesOf(text)
    expect(values).toMatchObject({ COUCHDB_PORT: '5984', COUCHDB_SECURE: 'false' })
  })

  it('keeps a value with shell or Compose syntax literal', () => {
    const source = connectedSource()
    source.connections.chtSync = { ...source.connections.chtSync!, user: 'a$(rm -rf ~)#"x\'' }
    const { text } = chtSyncEnvBlock(source, 'production')
    const line = text.split('\n').find((l) => l.startsWith('POSTGRES_USER='))
    expect(line).toBe('POSTGRES_USER="a$$(rm -rf ~)#\\"x\'"')
  })
})
