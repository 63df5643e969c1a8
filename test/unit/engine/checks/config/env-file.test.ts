import { describe, expect, it } from 'vitest'
import { parseEnvFile } from '../../../../../src/main/engine/checks/config/env-file'
import { MAX_LINE_PROBLEMS } from '../../../../../src/main/engine/checks/config/problem-list'

const PATH = '/srv/cht-sync/.env'
const read = (text: string) => parseEnvFile(text, PATH)
const valueOf = (text: string, key: string) => read(text).entries.find((e) => e.key === key)?.value
const lineOf = (text: string, key: string) => read(text).entries.find((e) => e.key === key)?.line

describe('parseEnvFile: values as dotenv reads them', () => {
  it('reads plain, quoted and exported settings with their lines', () => {
    const config = read(
      [
        '# CHT Sync',
        'POSTGRES_USER=cht_sync',
        'export POSTGRES_DB=cht_sync',
        "POSTGRES_PASSWORD='it is # secret'",
        'COUCHDB_DBS="medic,medic-sentinel"',
        'COUCHDB_HOST = couchdb',
        'COUCHDB_PORT=5984 # CouchDB itself',
        '',
      ].join('\n'),
    )
    expect(config.kind).toBe('env')
    expect(config.path).toBe(PATH)
    expect(config.entries).toEqual([
      { key: 'POSTGRES_USER', value: 'cht_sync', line: 2 },
      { key: 'POSTGRES_DB', value: 'cht_sync', line: 3 },
      { key: 'POSTGRES_PASSWORD', value: 'it is # secret', line: 4 },
      { key: 'COUCHDB_DBS', value: 'medic,medic-sentinel', line: 5 },
      { key: 'COUCHDB_HOST', value: 'couchdb', line: 6 },
      { key: 'COUCHDB_PORT', value: '5984', line: 7 },
    ])
    expect(config.problems).toEqual([])
    expect(config.duplicates).toEqual([])
  })

  it('maps the CHT Sync settings and the CouchDB target', () => {
    const config = read(
      'COUCHDB_HOST=cht.example.org\nCOUCHDB_PORT=443\nCOUCHDB_SECURE=true\nCOUCHDB_USER=u\nCOUCHDB_PASSWORD=p\nCOUCHDB_DBS=medic\nOTHER=1',
    )
    expect(config.settings.COUCHDB_HOST?.value).toBe('cht.example.org')
    expect(Object.keys(config.settings)).not.toContain('OTHER')
    expect(config.couchdbs).toHaveLength(1)
    expect(config.couchdbs[0]?.host?.line).toBe(1)
    expect(config.couchdbs[0]?.secure?.value).toBe('true')
    expect(config.couchdbs[0]?.password?.value).toBe('p')
  })

  it('leaves the CouchDB target empty when nothing is set', () => {
    const config = read('')
    expect(config.entries).toEqual([])
    expect(config.couchdbs).toEqual([
      { host: null, port: null, secure: null, user: null, password: null, dbs: null },
    ])
  })

  it('keeps an empty value as an empty setting', () => {
    expect(valueOf('COUCHDB_SECURE=\n', 'COUCHDB_SECURE')).toBe('')
    expect(valueOf('COUCHDB_SECURE=\t\n', 'COUCHDB_SECURE')).toBe('')
  })

  it('reads a quoted value across lines as one setting, counting its lines', () => {
    const text = 'A=1\nKEY="first\nFOO=bar\nlast"\nB=2\n'
    const config = read(text)
    expect(config.entries.map((e) => e.key)).toEqual(['A', 'KEY', 'B'])
    expect(valueOf(text, 'KEY')).toBe('first\nFOO=bar\nlast')
    expect(lineOf(text, 'B')).toBe(5)
    expect(config.problems).toEqual([])
  })

  it('reads an unclosed quote as the rest of its line, as dotenv does, and reports it', () => {
    const text = 'A="open\nB=2\n'
    expect(valueOf(text, 'A')).toBe('"open')
    expect(valueOf(text, 'B')).toBe('2')
    expect(read(text).problems).toEqual([
      {
        line: 1,
        message: 'The " opened here is never closed: Docker Compose stops with an error on it.',
      },
    ])
  })

  it('reads Windows line ends without a problem', () => {
    const text = 'POSTGRES_USER=cht\r\nPOSTGRES_DB="cht_sync"\r\n\r\nCOUCHDB_PORT=5984\r\n'
    const config = read(text)
    expect(config.entries.map((e) => [e.key, e.value, e.line])).toEqual([
      ['POSTGRES_USER', 'cht', 1],
      ['POSTGRES_DB', 'cht_sync', 2],
      ['COUCHDB_PORT', '5984', 4],
    ])
    expect(config.problems).toEqual([])
  })

  it('ignores a setting name that would reach the object prototype', () => {
    const config = read('__proto__=x\nconstructor=y\n')
    expect(config.entries.map((e) => e.key)).toEqual(['constructor'])
    expect(config.problems[0]?.line).toBe(1)
  })
})

describe('parseEnvFile: what it reports', () => {
  it('reports a byte-order mark and still reads the first setting', () => {
    const config = read('\ufeffPOSTGRES_USER=cht\n')
    expect(config.entries[0]).toEqual({ key: 'POSTGRES_USER', value: 'cht', line: 1 })
    expect(config.problems).toHaveLength(1)
    expect(config.problems[0]?.message).toContain('byte-order mark')
  })

  it('lists a key written twice with every line; the last value wins', () => {
    const text = 'COUCHDB_DBS=medic\nPOSTGRES_USER=a\nCOUCHDB_DBS=medic,medic-sentinel\n'
    const config = read(text)
    expect(config.duplicates).toEqual([{ key: 'COUCHDB_DBS', lines: [1, 3] }])
    expect(config.settings.COUCHDB_DBS).toEqual({
      key: 'COUCHDB_DBS',
      value: 'medic,medic-sentinel',
      line: 3,
    })
    expect(config.entries.map((e) => e.key)).toEqual(['COUCHDB_DBS', 'POSTGRES_USER'])
  })

  it('reports lines that are not settings, naming a known setting but not other text', () => {
    const config = read('POSTGRES_PASSWORD hunter2\nsomething odd\n# fine\n\nA=1\n')
    expect(config.problems.map((p) => p.line)).toEqual([1, 2])
    expect(config.problems[0]?.message).toContain('write POSTGRES_PASSWORD=value')
    expect(config.problems[0]?.message).not.toContain('hunter2')
    expect(config.problems[1]?.message).not.toContain('odd')
  })

  it('keeps at most 50 line problems, then counts the rest', () => {
    const config = read('junk\n'.repeat(MAX_LINE_PROBLEMS + 25))
    expect(config.problems).toHaveLength(MAX_LINE_PROBLEMS + 1)
    expect(config.problems.at(-1)).toEqual({
      line: null,
      message: '…and 25 more problems not listed.',
    })
  })

  it('reports NUL bytes and bytes that were not UTF-8 once each, with the first line', () => {
    const config = read('A=1\nB=x\u0000y\nC=\ufffd\nD=\u0001\n')
    expect(config.problems).toEqual([
      { line: 2, message: expect.stringMatching(/^2 lines hold NUL or other control bytes/) },
      { line: 3, message: expect.stringMatching(/^1 line has bytes that are not UTF-8/) },
    ])
  })

  it('reads a # as Docker Compose does, and says where others read it differently', () => {
    const text = 'P1=abc#def\nP2=abc #comment\nP3=   # not a comment\nP4="a#b"\n'
    const config = read(text)
    expect(config.entries.map((e) => e.value)).toEqual(['abc#def', 'abc', '# not a comment', 'a#b'])
    expect(config.problems.map((p) => [p.line, p.message.slice(0, 34)])).toEqual([
      [1, "P1's value has a # without a space"],
      [3, "P3's value starts with #: Docker C"],
    ])
  })

  it('warns where Docker Compose would replace a $ name', () => {
    const config = read('P1=ab$cd\nP2=\'ab$cd\'\nP3=abc #comment $HOME\nP4="x${Y}"\nP5=5$\n')
    expect(config.problems.map((p) => [p.line, p.message.slice(0, 24)])).toEqual([
      [1, "P1's value has a $ follo"],
      [4, "P4's value has a $ follo"],
    ])
  })

  it('says a name alone takes its value from the environment', () => {
    const config = read('POSTGRES_PASSWORD\n')
    expect(config.entries).toEqual([])
    expect(config.problems[0]?.message).toContain('takes its value from the environment')
  })

  it('reads a colon-separated setting as dotenv does', () => {
    expect(valueOf('POSTGRES_USER: cht\n', 'POSTGRES_USER')).toBe('cht')
  })
})
