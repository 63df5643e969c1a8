import { describe, expect, it } from 'vitest'
import {
  isConnectionLoss,
  STAGE_LIMITS,
  stageClientConfig,
  TEARDOWN_APPLICATION_NAME,
} from '../../../../src/main/engine/teardown/execute/session'
import { COUCH2PG_PROFILE } from '../../../support/teardown-execute'

const credential = { user: 'dba', password: 'typed' }

describe('the stage session settings', () => {
  it('keep the profile’s host, port and TLS, with the typed login and the maintenance database', () => {
    const config = stageClientConfig(
      { ...COUCH2PG_PROFILE, ssl: 'require' },
      { credential, maintenanceDatabase: 'postgres', dryRun: false },
      { ca: Buffer.from('ca') },
    )
    expect(config).toMatchObject({
      host: 'db.example.org',
      port: 5432,
      database: 'postgres',
      user: 'dba',
      password: 'typed',
      application_name: TEARDOWN_APPLICATION_NAME,
      connectionTimeoutMillis: STAGE_LIMITS.connectTimeoutMs,
      statement_timeout: STAGE_LIMITS.statementTimeoutMs,
      lock_timeout: STAGE_LIMITS.lockTimeoutMs,
    })
    expect(config.ssl).toMatchObject({ rejectUnauthorized: true, ca: Buffer.from('ca') })
    // A real run writes: not the inspection sessions' read-only default.
    expect(config.options).toBeUndefined()
    expect(config).not.toHaveProperty('max')
  })

  it('sends an empty typed password as given (never PGPASSWORD or .pgpass), read-only when dry', () => {
    const config = stageClientConfig(COUCH2PG_PROFILE, {
      credential: { user: 'dba', password: '' },
      maintenanceDatabase: 'ops',
      dryRun: true,
    })
    expect(config.password).toBe('')
    expect(config.database).toBe('ops')
    expect(config.options).toBe('-c default_transaction_read_only=on')
    expect(config.ssl).toBe(false)
  })
})

describe('isConnectionLoss', () => {
  it('tells a lost session from a statement the server refused', () => {
    const err = (message: string, code?: string) => Object.assign(new Error(message), { code })
    expect(
      isConnectionLoss(err('terminating connection due to administrator command', '57P01')),
    ).toBe(true)
    expect(isConnectionLoss(err('Connection terminated unexpectedly'))).toBe(true)
    expect(isConnectionLoss(err('read ECONNRESET', 'ECONNRESET'))).toBe(true)
    expect(isConnectionLoss(err('permission denied for database couch2pg', '42501'))).toBe(false)
    expect(
      isConnectionLoss(err('database "couch2pg" is being accessed by other users', '55006')),
    ).toBe(false)
  })
})
