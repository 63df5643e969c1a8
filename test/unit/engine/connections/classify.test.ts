import { describe, expect, it } from 'vitest'
import {
  classifyError,
  ConnectionFailure,
  errorChain,
  type ClassifyContext,
} from '../../../../src/main/engine/connections/classify'
import { noPassword, noProfile } from '../../../../src/main/engine/connections/failures'
import {
  DbConnectError,
  DbTimeoutError,
  queryCancelled,
  SslFileError,
} from '../../../../src/main/engine/db/errors'

const pgCtx: ClassifyContext = {
  endpoint: 'couch2pg',
  host: 'db.example.org',
  port: 5432,
  timeoutMs: 8000,
}
const couchCtx: ClassifyContext = {
  endpoint: 'couchdb',
  host: 'cht.example.org',
  port: 443,
  timeoutMs: 8000,
}

/** An error as Node's net/tls layer makes them: a message and an errno-style code. */
const sysError = (code: string, message = `${code} happened`) =>
  Object.assign(new Error(message), { code })
/** A PostgreSQL error as pg makes them: SQLSTATE code and severity. */
const sqlError = (code: string, message: string) =>
  Object.assign(new Error(message), { code, severity: 'FATAL' })
/** fetch's way: a TypeError whose cause is the system error. */
const fetchFailed = (cause: unknown) => new TypeError('fetch failed', { cause })

describe('classifyError', () => {
  it.each([
    ['ENOTFOUND', 'dns'],
    ['EAI_AGAIN', 'dns'],
    ['ECONNREFUSED', 'refused'],
    ['EHOSTUNREACH', 'refused'],
    ['ETIMEDOUT', 'timeout'],
    ['UND_ERR_CONNECT_TIMEOUT', 'timeout'],
    ['EPROTO', 'tls'],
    ['DEPTH_ZERO_SELF_SIGNED_CERT', 'tls'],
    ['SELF_SIGNED_CERT_IN_CHAIN', 'tls'],
    ['UNABLE_TO_VERIFY_LEAF_SIGNATURE', 'tls'],
    ['CERT_HAS_EXPIRED', 'tls'],
    ['ERR_TLS_CERT_ALTNAME_INVALID', 'tls'],
  ])('maps the system error %s to %s, directly and as a fetch cause', (code, kind) => {
    expect(classifyError(sysError(code), pgCtx).kind).toBe(kind)
    expect(classifyError(fetchFailed(sysError(code)), couchCtx).kind).toBe(kind)
  })

  it.each([
    ['28P01', 'password authentication failed for user "reader"', 'auth'],
    ['28000', 'role "nobody" does not exist', 'auth'],
    ['3D000', 'database "chtsync" does not exist', 'missing_database'],
    ['42501', 'permission denied for database cht', 'permission'],
    ['57014', 'canceling statement due to statement timeout', 'timeout'],
    ['53300', 'sorry, too many clients already', 'other'],
  ])('maps SQLSTATE %s to its kind', (code, message, kind) => {
    const classified = classifyError(sqlError(code, message), pgCtx)
    expect(classified.kind).toBe(kind)
    expect(classified.message).toContain(message)
  })

  it('reads the refused member of an AggregateError (Node’s happy eyeballs)', () => {
    const aggregate = Object.assign(
      new AggregateError([sysError('ECONNREFUSED'), sysError('ECONNREFUSED')], ''),
      { code: 'ECONNREFUSED' },
    )
    expect(classifyError(aggregate, pgCtx).kind).toBe('refused')
    expect(errorChain(aggregate)).toHaveLength(3)
  })

  it('recognises pg’s own timeouts and an AbortSignal timeout', () => {
    const poolTimeout = new Error('timeout exceeded when trying to connect')
    const clientTimeout = new Error('Connection terminated due to connection timeout')
    const abort = new DOMException('The operation was aborted due to timeout', 'TimeoutError')
    expect(classifyError(poolTimeout, pgCtx).kind).toBe('timeout')
    expect(classifyError(clientTimeout, pgCtx).kind).toBe('timeout')
    const classified = classifyError(abort, couchCtx)
    expect(classified.kind).toBe('timeout')
    expect(classified.message).toBe('cht.example.org:443 did not answer within 8 s.')
  })

  it('explains each TLS problem with its own hint', () => {
    const noSsl = classifyError(new Error('The server does not support SSL connections'), pgCtx)
    expect(noSsl).toMatchObject({ kind: 'tls', hint: expect.stringMatching(/“disable”/) })
    const plain = classifyError(
      fetchFailed(sysError('EPROTO', 'SSL routines:ssl3_get_record:wrong version number')),
      couchCtx,
    )
    expect(plain.hint).toMatch(/plain http/)
    const altname = classifyError(sysError('ERR_TLS_CERT_ALTNAME_INVALID'), couchCtx)
    expect(altname.message).toMatch(/for another name/)
    const expired = classifyError(sysError('CERT_HAS_EXPIRED'), pgCtx)
    expect(expired.message).toMatch(/expired/)
    const selfSigned = classifyError(sysError('DEPTH_ZERO_SELF_SIGNED_CERT'), pgCtx)
    expect(selfSigned.hint).toMatch(/“require”/)
  })

  it('turns “no encryption” and pg_hba refusals into actionable advice', () => {
    const needsTls = classifyError(
      sqlError(
        '28000',
        'no pg_hba.conf entry for host "10.0.0.5", user "r", database "d", no encryption',
      ),
      pgCtx,
    )
    expect(needsTls).toMatchObject({ kind: 'tls', hint: expect.stringMatching(/“require”/) })
    const hba = classifyError(
      sqlError(
        '28000',
        'no pg_hba.conf entry for host "10.0.0.5", user "r", database "d", SSL encryption',
      ),
      pgCtx,
    )
    expect(hba).toMatchObject({ kind: 'auth', hint: expect.stringMatching(/pg_hba.conf/) })
  })

  it('names the password variable of the endpoint in authentication hints', () => {
    const chtSync = classifyError(sqlError('28P01', 'password authentication failed'), {
      ...pgCtx,
      endpoint: 'chtSync',
    })
    expect(chtSync.hint).toContain('CHT_MIGRATE_CHTSYNC_PASSWORD')
  })

  it('keeps a ConnectionFailure as it is, and says “other” with the message for the rest', () => {
    const failure = new ConnectionFailure('not_couchdb', 'Not CouchDB.', 'Check the address.')
    expect(classifyError(failure, couchCtx)).toEqual({
      kind: 'not_couchdb',
      message: 'Not CouchDB.',
      hint: 'Check the address.',
      looksLike: null,
    })
    const learnt = new ConnectionFailure('not_cht_sync', 'No.', 'Hint.', { looksLike: 'couch2pg' })
    expect(classifyError(learnt, pgCtx).looksLike).toBe('couch2pg')
    const other = classifyError(new Error('something odd'), couchCtx)
    expect(other.kind).toBe('other')
    expect(other.message).toContain('something odd')
    expect(classifyError(sysError('ECONNRESET'), couchCtx).hint).toMatch(/https:\/\//)
  })

  it('describes a missing profile and a missing password', () => {
    expect(noProfile('chtSync')).toMatchObject({ kind: 'no_profile' })
    const missing = noPassword('couch2pg', 'postgres://r@db:5432/cht')
    expect(missing.message).toBe('No password is known for postgres://r@db:5432/cht.')
    expect(missing.hint).toContain('CHT_MIGRATE_COUCH2PG_PASSWORD')
  })
})

describe('classifyError for PostgreSQL failures without a code of their own', () => {
  const sasl = () => new Error('SASL: SCRAM-SERVER-FIRST-MESSAGE: client password must be a string')

  it('says no_password when the server asked for a password none was given', () => {
    const classified = classifyError(new DbConnectError(sasl()), { ...pgCtx, passwordGiven: false })
    expect(classified.kind).toBe('no_password')
    expect(classified.message).toBe(
      'db.example.org:5432 asks for a password, and none is known for this connection.',
    )
    expect(classified.hint).toContain('CHT_MIGRATE_COUCH2PG_PASSWORD')
    expect(classified.hint).toContain('.pgpass')
  })

  it('keeps a refused password (28P01) as auth when one was given, no_password when none was', () => {
    const refused = sqlError('28P01', 'password authentication failed for user "r"')
    expect(classifyError(refused, { ...pgCtx, passwordGiven: true }).kind).toBe('auth')
    expect(classifyError(refused, { ...pgCtx, passwordGiven: false }).kind).toBe('no_password')
    // Unknown (older callers): as before.
    expect(classifyError(refused, pgCtx).kind).toBe('auth')
  })

  it('says not_postgresql when the port hung up during the handshake', () => {
    const hungUp = new DbConnectError(new Error('Connection terminated unexpectedly'))
    const classified = classifyError(hungUp, pgCtx)
    expect(classified.kind).toBe('not_postgresql')
    expect(classified.message).toBe(
      'db.example.org:5432 closed the connection during the PostgreSQL handshake: this port does not look like a PostgreSQL server; check the port.',
    )
    const noSslAnswer = new DbConnectError(
      new Error('There was an error establishing an SSL connection'),
    )
    expect(classifyError(noSslAnswer, pgCtx).kind).toBe('not_postgresql')
  })

  it('does not call a session lost after connecting, or pg’s connect timeout, not_postgresql', () => {
    const later = new Error('Connection terminated unexpectedly')
    expect(classifyError(later, pgCtx).kind).toBe('other')
    const timedOut = new DbConnectError(
      new Error('Connection terminated due to connection timeout', {
        cause: new Error('Connection terminated unexpectedly'),
      }),
    )
    expect(classifyError(timedOut, pgCtx).kind).toBe('timeout')
    // CouchDB's own failures are not read as PostgreSQL's.
    expect(classifyError(new DbConnectError(sasl()), couchCtx).kind).not.toBe('no_password')
  })

  it('reports the engine’s own timeout, a cancel and an unusable TLS file', () => {
    const timeout = classifyError(new DbTimeoutError(2_500), pgCtx)
    expect(timeout.kind).toBe('timeout')
    expect(timeout.message).toBe(
      'db.example.org:5432: The query did not finish within 2.5 s and was cancelled on the server.',
    )
    expect(classifyError(queryCancelled(), pgCtx).message).toMatch(/was cancelled/)
    const file = classifyError(
      new DbConnectError(new SslFileError('The client key file “/k.pem” could not be opened.')),
      pgCtx,
    )
    expect(file).toMatchObject({
      kind: 'tls',
      message: 'The client key file “/k.pem” could not be opened.',
    })
    expect(file.hint).toMatch(/Client certificates/)
  })
})
