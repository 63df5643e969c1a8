import { describe, expect, it } from 'vitest'
import {
  classifyError,
  ConnectionFailure,
  errorChain,
  type ClassifyContext,
} from '../../../../src/main/engine/connections/classify'
import { noPassword, noProfile } from '../../../../src/main/engine/connections/failures'

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
    })
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
