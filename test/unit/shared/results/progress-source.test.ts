import { describe, expect, it } from 'vitest'
import { likelyChtDatabase } from '../../../../src/shared/cht-databases'
import {
  isFirstSeq,
  seqPrefix,
  sourceDatabase,
} from '../../../../src/shared/results/progress-source'
import { seqLabel } from '../../../../src/shared/results/describe-format'

/** Progress `source` values name their database last; the host before it is the pipeline's. */
describe('sourceDatabase', () => {
  it.each([
    ['couchdb:5984/medic', 'medic'],
    ['192.168.1.20:5984/medic-sentinel', 'medic-sentinel'],
    ['couchdb/medic', 'medic'],
    ['cht.example.org/medic_sentinel', 'medic_sentinel'],
    ['cht.example.org:443/couchdb/medic-users-meta/', 'medic-users-meta'],
    ['host:5984/_users', '_users'],
    ['host/medic%2Dlogs', 'medic-logs'],
    ['host/bad%zz', 'bad%zz'],
    ['default-source', null],
    ['host/', null],
    ['', null],
  ])('%s names %s', (source, database) => {
    expect(sourceDatabase(source)).toBe(database)
  })
})

describe('sequences (opaque: only a prefix for reading)', () => {
  it('shows the numeric prefix, or the start of an opaque value', () => {
    expect(seqPrefix('4711-g1AAAAE7eJzLYWBg4MhgTmHgz8tPSTV0')).toBe('4711')
    expect(seqPrefix('0')).toBe('0')
    expect(seqPrefix('g1AAAA')).toBeNull()
    expect(seqPrefix(null)).toBeNull()
    expect(seqLabel('4711-g1AAAA')).toBe('seq 4711')
    expect(seqLabel('g1AAAAE7eJzLYWBg4MhgTmHgz8tPSTV0')).toBe('seq g1AAAAE7eJz…')
    expect(seqLabel(null)).toBe('no seq')
    expect(isFirstSeq('0')).toBe(true)
    expect(isFirstSeq('0-g1AA')).toBe(false)
    expect(isFirstSeq(null)).toBe(false)
  })
})

describe('likelyChtDatabase', () => {
  it('knows the documented typo and other near misses, not the real names', () => {
    expect(likelyChtDatabase('medic_sentinel')).toBe('medic-sentinel')
    expect(likelyChtDatabase('Medic-Users-Meta')).toBe('medic-users-meta')
    expect(likelyChtDatabase('medic_users_meta')).toBe('medic-users-meta')
    expect(likelyChtDatabase('users')).toBe('_users')
    expect(likelyChtDatabase('medic-user-meta')).toBe('medic-users-meta')
    expect(likelyChtDatabase('medic-sentinel')).toBeNull()
    expect(likelyChtDatabase('my-app')).toBeNull()
  })
})
