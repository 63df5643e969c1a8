import { describe, expect, it } from 'vitest'
import {
  classifyHoldings,
  isOldDrift,
  type IdHoldings,
} from '../../../../src/main/engine/parity/doc-classify'
import { DocTally } from '../../../../src/main/engine/parity/doc-tally'
import { couch2pgTableOf } from '../../../../src/main/engine/parity/doc-scope'

const live = (rev: string) => ({ rows: [{ rev, deleted: false }] })
const stub = (rev: string) => ({ rows: [{ rev, deleted: true }] })
const none = { rows: [] }

function holdings(over: Partial<IdHoldings>): IdHoldings {
  return {
    id: 'doc',
    database: 'medic',
    couch: { rev: '2-b', deleted: false },
    old: live('2-b'),
    new: live('2-b'),
    inFlight: { old: false, new: false },
    ...over,
  }
}

const classes = (h: IdHoldings) => classifyHoldings(h).map((v) => `${v.comparison}:${v.class}`)

describe('classifyHoldings', () => {
  it('finds nothing when all three agree, and agreement on a deletion in three forms', () => {
    expect(classes(holdings({}))).toEqual([])
    // CouchDB's tombstone, couch2pg's missing row and CHT Sync's stub all mean "deleted".
    expect(
      classes(holdings({ couch: { rev: '3-c', deleted: true }, old: none, new: stub('3-c') })),
    ).toEqual([])
    // A stub for an id CouchDB never held agrees too.
    expect(classes(holdings({ couch: null, old: none, new: stub('1-a') }))).toEqual([])
  })

  it('classifies a document CHT Sync lacks in both comparisons that see it', () => {
    expect(classes(holdings({ new: none }))).toEqual([
      'couchdb-chtsync:missing_in_new',
      'couch2pg-chtsync:missing_in_new',
    ])
  })

  it('tells which side is stale by revision number', () => {
    expect(classes(holdings({ new: live('1-a') }))).toEqual([
      'couchdb-chtsync:stale_in_new',
      'couch2pg-chtsync:stale_in_new',
    ])
    expect(classes(holdings({ old: live('1-a') }))).toEqual([
      'couchdb-couch2pg:stale_in_new',
      'couch2pg-chtsync:stale_in_old',
    ])
  })

  it('calls a delete couch2pg missed its drift, with CHT Sync agreeing with CouchDB', () => {
    const verdicts = classifyHoldings(
      holdings({ couch: { rev: '3-c', deleted: true }, old: live('2-b'), new: stub('3-c') }),
    )
    expect(verdicts.map((v) => `${v.comparison}:${v.class}`)).toEqual([
      'couchdb-couch2pg:deleted_but_present',
      'couch2pg-chtsync:present_but_deleted',
    ])
    expect(verdicts[1]!.note).toBe('CHT Sync agrees with CouchDB')
    expect(isOldDrift(verdicts[1]!)).toBe(true)
  })

  it('reports a delete CHT Sync missed as deleted but present, also against couch2pg', () => {
    const verdicts = classifyHoldings(
      holdings({ couch: { rev: '3-c', deleted: true }, old: none, new: live('2-b') }),
    )
    expect(verdicts.map((v) => `${v.comparison}:${v.class}`)).toEqual([
      'couchdb-chtsync:deleted_but_present',
      'couch2pg-chtsync:deleted_but_present',
    ])
    expect(verdicts.some(isOldDrift)).toBe(false)
  })

  it('says in flight, not missing, for a document changed after a checkpoint', () => {
    expect(classes(holdings({ old: none, inFlight: { old: true, new: false } }))).toEqual([
      'couchdb-couch2pg:in_flight',
      'couch2pg-chtsync:in_flight',
    ])
  })

  it('leaves out a pipeline that does not copy the database', () => {
    expect(classes(holdings({ old: null, new: none }))).toEqual(['couchdb-chtsync:missing_in_new'])
  })

  it('finds duplicated ids and ids CouchDB never held', () => {
    expect(
      classes(holdings({ old: { rows: [...live('2-b').rows, ...live('2-b').rows] } })),
    ).toEqual(['couchdb-couch2pg:duplicate_id', 'couch2pg-chtsync:duplicate_id'])
    expect(classes(holdings({ couch: null, old: none, new: live('1-x') }))).toEqual([
      'couchdb-chtsync:extra_in_new',
      'couch2pg-chtsync:extra_in_new',
    ])
  })
})

describe('DocTally', () => {
  it('counts every verdict, keeps samples up to the limit, and turns documents changed during the run into in flight', () => {
    const tally = new DocTally(2)
    for (const id of ['a', 'b', 'c']) tally.add(classifyHoldings(holdings({ id, new: none })))
    const outcome = tally.finish(new Map([['medic', new Set(['c'])]]))
    const sync = outcome.differences['couchdb-chtsync']
    expect(sync.map((d) => [d.class, d.count, d.samples.length])).toEqual([
      ['missing_in_new', 2, 2],
      ['in_flight', 1, 1],
    ])
    expect(sync[1]!.samples[0]).toMatchObject({ key: 'c', note: 'medic; changed during the run' })
    expect(outcome.blocking['couchdb-chtsync']).toBe(2)
  })

  it('does not count couch2pg’s drift as blocking the old-against-new comparison', () => {
    const tally = new DocTally()
    tally.add(
      classifyHoldings(
        holdings({ couch: { rev: '3-c', deleted: true }, old: live('2-b'), new: stub('3-c') }),
      ),
    )
    const outcome = tally.finish(new Map())
    expect(outcome.blocking['couch2pg-chtsync']).toBe(0)
    expect(outcome.blocking['couchdb-couch2pg']).toBe(1)
  })
})

describe('couch2pgTableOf', () => {
  it('follows couch2pg’s database suffixes, whatever the main database is called', () => {
    expect(
      ['medic', 'medic-sentinel', 'medic-users-meta', 'medic-logs', '_users', 'prod-logs', 'x'].map(
        couch2pgTableOf,
      ),
    ).toEqual([
      'couchdb',
      'couchdb',
      'couchdb_users_meta',
      'couchdb_medic_logs',
      'couchdb_medic_users',
      'couchdb_medic_logs',
      'couchdb',
    ])
  })
})
