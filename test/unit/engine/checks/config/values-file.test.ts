import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { parseValuesFile } from '../../../../../src/main/engine/checks/config/values-file'

const PATH = '/srv/cht-sync/deploy/cht_sync/values.yaml'
const read = (text: string) => parseValuesFile(text, PATH)
const FIXTURES = join(__dirname, '../../../../fixtures/cht-sync-env')

describe('parseValuesFile: the chart’s keys', () => {
  it('maps postgres, dbt and the shared couchdb keys onto the .env names, with lines', () => {
    const config = read(readFileSync(join(FIXTURES, 'values-good.yaml'), 'utf8'))
    expect(config.kind).toBe('values')
    expect(config.problems).toEqual([])
    expect(config.duplicates).toEqual([])
    const s = config.settings
    expect(s.POSTGRES_USER).toEqual({ key: 'postgres.user', value: 'cht_sync', line: 4 })
    expect(s.POSTGRES_HOST?.value).toBe('db.internal.example.org')
    expect(s.POSTGRES_PORT?.value).toBe('5432')
    expect(s.CHT_PIPELINE_BRANCH_URL?.key).toBe('cht_pipeline_branch_url')
    expect(s.DBT_THREAD_COUNT?.value).toBe('3')
    expect(s.DBT_BATCH_SIZE?.value).toBe('100000')
    expect(s.COUCHDB_USER?.key).toBe('couchdb.user')
    expect(s.COUCHDB_SECURE?.value).toBe('true')
    expect(s.COUCHDB_HOST).toBeUndefined()
  })

  it('gives each couchdbs entry the shared defaults it does not override', () => {
    const config = read(readFileSync(join(FIXTURES, 'values-good.yaml'), 'utf8'))
    const [north, south] = config.couchdbs
    expect(config.couchdbs).toHaveLength(2)
    expect(north?.host).toEqual({
      key: 'couchdbs[0].host',
      value: 'north.cht.example.org',
      line: 23,
    })
    expect(north?.user).toEqual({ key: 'couchdb.user', value: 'cht_sync_reader', line: 17 })
    expect(north?.dbs?.value).toBe('medic medic-sentinel')
    expect(south?.user).toEqual({ key: 'couchdbs[1].user', value: 'south_reader', line: 27 })
    expect(south?.dbs?.key).toBe('couchdbs[1].dbs')
    expect(south?.port).toEqual({ key: 'couchdb.port', value: '443', line: 19 })
    expect(south?.secure?.key).toBe('couchdb.secure')
  })

  it('takes the shared default over an empty override, as the chart’s default does', () => {
    const config = read(
      'couchdb:\n  user: medic\n  secure: "true"\ncouchdbs:\n  - host: a\n    password: p\n    user: ""\n    secure: false\n',
    )
    expect(config.couchdbs[0]?.user?.key).toBe('couchdb.user')
    expect(config.couchdbs[0]?.secure?.value).toBe('true')
    expect(config.problems.map((p) => [p.line, p.message.slice(0, 42)])).toEqual([
      [8, 'couchdbs[0].secure is false, which the cha'],
    ])
  })

  it('keeps an override when there is no shared default', () => {
    const config = read('couchdbs:\n  - host: a\n    port: 5984\n    secure: false\n')
    expect(config.couchdbs[0]?.port?.key).toBe('couchdbs[0].port')
    expect(config.couchdbs[0]?.secure?.value).toBe('false')
  })

  it('reads YAML 1.1 booleans as Helm does', () => {
    const config = read('couchdb:\n  secure: yes\n  port: 443\n')
    expect(config.settings.COUCHDB_SECURE?.value).toBe('true')
  })

  it('resolves an alias to a value and to an entry', () => {
    const config = read(
      'postgres:\n  password: &pw "Xy7-long"\ncouchdbs:\n  - &north { host: north, password: *pw }\n  - *north\n',
    )
    expect(config.settings.POSTGRES_PASSWORD?.value).toBe('Xy7-long')
    expect(config.couchdbs.map((t) => t.host?.value)).toEqual(['north', 'north'])
    expect(config.couchdbs[1]?.password?.value).toBe('Xy7-long')
  })

  it('gives one empty target when there is no couchdbs list', () => {
    const config = read('postgres:\n  user: cht\n')
    expect(config.couchdbs).toEqual([
      { host: null, port: null, secure: null, user: null, password: null, dbs: null },
    ])
  })
})

describe('parseValuesFile: what it reports', () => {
  it('reports a key written twice with every line; the last one wins', () => {
    const config = read(readFileSync(join(FIXTURES, 'values-broken.yaml'), 'utf8'))
    expect(config.duplicates).toEqual([{ key: 'postgres.user', lines: [4, 9] }])
    expect(config.settings.POSTGRES_USER).toEqual({ key: 'postgres.user', value: 'cht', line: 9 })
  })

  it('turns YAML errors into problems with their line, without quoting the file', () => {
    const config = read('postgres:\n  password: "hunter2\n  user: x\n')
    expect(config.problems.length).toBeGreaterThan(0)
    expect(config.problems[0]?.message).toMatch(/^YAML: /)
    expect(config.problems[0]?.line).toBeGreaterThan(0)
    expect(JSON.stringify(config.problems)).not.toContain('hunter2')
  })

  it('reports a top level that is not settings', () => {
    expect(read('- a\n- b\n').problems[0]?.message).toContain('a list at the top')
    expect(read('just text\n').problems[0]?.message).toContain('a single value at the top')
    expect(read('- a\n').entries).toEqual([])
  })

  it('reads an empty file as no settings and no problems', () => {
    const config = read('# nothing yet\n')
    expect(config.entries).toEqual([])
    expect(config.problems).toEqual([])
  })

  it('reports a couchdbs that is not a list, and entries that are not mappings', () => {
    expect(read('couchdbs: host1\n').problems[0]?.message).toContain('couchdbs is not a list')
    const config = read('couchdbs:\n  - host1\n')
    expect(config.problems[0]).toEqual({
      line: 2,
      message: 'couchdbs[0] is not an entry with host and password.',
    })
  })

  it('reports a merge key instead of following it', () => {
    const config = read('base: &b { user: x }\ncouchdb:\n  <<: *b\n')
    expect(config.problems[0]?.line).toBe(3)
    expect(config.problems[0]?.message).toContain('<< merge key')
  })

  it('follows aliases to sections a bounded number of times', () => {
    const levels = ['a: &a [1, 2, 3, 4, 5, 6, 7, 8, 9]']
    for (const name of ['b', 'c', 'd', 'e', 'f', 'g']) {
      const previous = String.fromCharCode(name.charCodeAt(0) - 1)
      levels.push(`${name}: &${name} [${Array(9).fill(`*${previous}`).join(', ')}]`)
    }
    const config = read(levels.join('\n'))
    expect(config.problems.map((p) => p.message)).toContain(
      'More than 100 aliases to sections: the rest were not followed.',
    )
    expect(config.entries.length).toBeLessThan(2000)
  })

  it('reports nesting too deep for the parser without throwing', () => {
    const config = read('a: ' + '['.repeat(20_000))
    expect(config.problems.length).toBeGreaterThan(0)
  })

  it('does not parse a file far too long for a values.yaml', () => {
    const config = read('a: 1\n'.repeat(100_001))
    expect(config.entries).toEqual([])
    expect(config.problems[0]?.message).toContain('more than 100,000 lines')
  })
})
