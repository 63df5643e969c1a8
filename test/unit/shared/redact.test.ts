import { describe, expect, it } from 'vitest'
import { describeValue, excerpt, MASK, redactSecrets } from '../../../src/shared/redact'

describe('redactSecrets masks what people paste', () => {
  it.each([
    ['PGPASSWORD=hunter2 psql -h db -U cht', 'PGPASSWORD=••• psql -h db -U cht'],
    ['CHT_MIGRATE_COUCHDB_PASSWORD=hunter2', 'CHT_MIGRATE_COUCHDB_PASSWORD=•••'],
    ["CHT_MIGRATE_CHT_SYNC_PASSWORD='two words'", "CHT_MIGRATE_CHT_SYNC_PASSWORD='•••'"],
    ['  POSTGRES_PASSWORD: hunter2', '  POSTGRES_PASSWORD: •••'],
    ['  POSTGRES_PASSWORD: "with a space"', '  POSTGRES_PASSWORD: "•••"'],
    ['  - POSTGRES_PASSWORD=hunter2', '  - POSTGRES_PASSWORD=•••'],
    ['COUCHDB_PASSWORD=hunter2 COUCHDB_USER=admin', 'COUCHDB_PASSWORD=••• COUCHDB_USER=admin'],
    ['{"user": "admin", "password": "hunter2"}', '{"user": "admin", "password": "•••"}'],
    ['{"password":"hun\\"ter2","db":"cht"}', '{"password":"•••","db":"cht"}'],
    ["{'password': 'hunter2'}", "{'password': '•••'}"],
    ['{\\"password\\":\\"hunter2\\"}', '{\\"password\\":•••'],
    ['password=hunter2', 'password=•••'],
    ['Password : hunter2', 'Password : •••'],
    ['passwd: hunter2', 'passwd: •••'],
    ['pwd=hunter2', 'pwd=•••'],
    ['MYSQL_PWD=hunter2', 'MYSQL_PWD=•••'],
    ['pass=hunter2', 'pass=•••'],
    ['pw=hunter2', 'pw=•••'],
    ['db_pass: hunter2', 'db_pass: •••'],
    ['dbPassword: hunter2', 'dbPassword: •••'],
    ['client_secret=hunter2', 'client_secret=•••'],
    ['token: abc123', 'token: •••'],
    ['GITHUB_TOKEN=ghp_hunter2', 'GITHUB_TOKEN=•••'],
    ['api_key=xyz', 'api_key=•••'],
    ['apiKey: "xyz"', 'apiKey: "•••"'],
    ['x-api-key: xyz', 'x-api-key: •••'],
    ['spring.datasource.password=hunter2', 'spring.datasource.password=•••'],
    ['--password=hunter2', '--password=•••'],
    ['PASSWORD="two words"', 'PASSWORD="•••"'],
    ['export X_PASSWORD=hunter2', 'export X_PASSWORD=•••'],
    ['export DB_PASSWORD="two words here" && run', 'export DB_PASSWORD="•••" && run'],
    ["export DB_PASSWORD='two words", "export DB_PASSWORD='•••"],
    ['$env:PGPASSWORD = "hunter2"', '$env:PGPASSWORD = "•••"'],
    [
      "CREATE ROLE cht_sync LOGIN PASSWORD 'hunter2';",
      "CREATE ROLE cht_sync LOGIN PASSWORD '•••';",
    ],
    ['host=db user=cht password=hunter2 dbname=cht', 'host=db user=cht password=••• dbname=cht'],
    ['https://cht.org/x?user=a&password=hunter2&n=1', 'https://cht.org/x?user=a&password=•••&n=1'],
    ['curl -u admin:hunter2 https://cht/', 'curl -u admin:••• https://cht/'],
    ['curl --user admin:hunter2 https://cht/', 'curl --user admin:••• https://cht/'],
    ['curl --user=admin:hunter2 https://cht/', 'curl --user=admin:••• https://cht/'],
    ["curl -u 'admin:two words' https://cht/", "curl -u 'admin:•••' https://cht/"],
    ['Authorization: Basic YWRtaW46aHVudGVyMg==', 'Authorization: Basic •••'],
    ['-H "Authorization: Bearer eyJhbGciOi.x.y" ', '-H "Authorization: Bearer •••" '],
    ['{"Authorization": "Bearer eyJhbGciOi.x.y"}', '{"Authorization": "Bearer •••"}'],
    ['authorization: hunter2', 'authorization: •••'],
    ['postgres://cht_sync:hunter2@db:5432/cht', 'postgres://cht_sync:•••@db:5432/cht'],
    ['postgresql://u:p@h/db', 'postgresql://u:•••@h/db'],
    ['https://medic:hunter2@cht.example.org/medic', 'https://medic:•••@cht.example.org/medic'],
    ['(https://medic:hunter2@cht.example.org)', '(https://medic:•••@cht.example.org)'],
    ['postgres://u:p@ss@db/cht', 'postgres://u:•••@db/cht'],
    ['postgres://u:ab/cd+ef=@db/cht', 'postgres://u:•••@db/cht'],
    ['postgres://:hunter2@db/cht', 'postgres://:•••@db/cht'],
  ])('%s → %s', (input, output) => {
    expect(redactSecrets(input)).toBe(output)
  })

  it('masks every secret of a pasted environment and compose file', () => {
    const pasted = [
      'export PGPASSWORD=pg-secret-1',
      'CHT_MIGRATE_COUCH2PG_PASSWORD="pg secret 2"',
      'services:',
      '  postgres:',
      '    environment:',
      '      POSTGRES_PASSWORD: pg-secret-3',
      "      COUCHDB_PASSWORD: 'pg-secret-4'",
      'curl -s -u medic:pg-secret-5 "https://admin:pg-secret-6@cht.example.org/medic/_all_docs"',
    ].join('\n')
    const masked = redactSecrets(pasted)
    expect(masked).not.toMatch(/pg-secret|pg secret/)
    expect(masked).toContain('https://admin:•••@cht.example.org/medic/_all_docs')
    expect(masked.split('\n')).toHaveLength(8)
  })

  it('leaves ordinary notes, SQL and URLs without credentials unchanged', () => {
    const notes = [
      'Agreed with the data team on 1 March: we migrate on 14 April.',
      'The password policy requires rotation every 90 days; tokens are issued by the IdP.',
      "SELECT count(*) FROM couchdb WHERE doc->>'type' = 'data_record' AND x::int > 0;",
      "SELECT * FROM v1.couchdb WHERE _id = 'abc:def:ghi' LIMIT 10;",
      'psql -h db.example.org -p 5432 -U cht_sync -d cht',
      'sudo -u postgres psql -c "\\l"',
      'https://docs.communityhealthtoolkit.org/hosting/4.x/',
      'https://docs.example.org/a:b',
      'postgres://cht_sync@db.example.org:5432/cht',
      'http://127.0.0.1:5984/medic/_changes?since=0&limit=100',
      'ratio 3:1 at 10:30, key=value, a=b, time: 12:00',
      'Pass: 12, Fail: 3, Skipped: 0',
      'amina@example.org wrote: see ticket #42 (bypass the proxy).',
      'Versions: PostgreSQL 16.4, CouchDB 3.3.3; 2 340 112 docs.',
      'the password policy',
      '',
    ].join('\n')
    expect(redactSecrets(notes)).toBe(notes)
  })
})

describe('redactSecrets is linear in its input', () => {
  const MB2 = 2 * 1024 * 1024
  const fill = (unit: string) => unit.repeat(Math.ceil(MB2 / unit.length))
  const shapes: Record<string, string> = {
    'one long word': fill('a'),
    'a.a.a.': fill('a.'),
    'a:a:a:': fill('a:'),
    'x=x=x=': fill('x='),
    'password=password=': fill('password='),
    'token: token: ': fill('token: '),
    'password="a ': fill('password="a '),
    "pass: '": fill("pass: '"),
    'keys then spaces': `password${' '.repeat(MB2)}x`,
    'a://a://': fill('a://'),
    'a://a:a://a:': fill('a://a:'),
    'a://a:b@': fill('a://a:b@'),
    'url without @': `postgres://u:${'p'.repeat(MB2)}`,
    'url then at-signs': `postgres://u:p${'@'.repeat(MB2)}`,
    '-u a:': fill('-u a:'),
    'authorization bearer': fill('Authorization: Bearer '),
    'quotes only': fill('"\''),
    'escaped json keys': fill('\\"password\\":'),
    'long key': `${'P'.repeat(MB2)}PASSWORD=x`,
    'lines of secrets': fill('PGPASSWORD=x\n'),
  }
  it.each(Object.keys(shapes))('masks 2 MB of %s in well under a second', (name) => {
    const input = shapes[name]!
    const started = performance.now()
    const output = redactSecrets(input)
    const elapsed = performance.now() - started
    expect(output.length).toBeGreaterThan(0)
    expect(elapsed).toBeLessThan(1000)
  })
})

describe('excerpt and describeValue', () => {
  it('keeps short text and cuts long text to the limit with an ellipsis', () => {
    expect(excerpt('short')).toBe('short')
    const cut = excerpt('x'.repeat(1_000_000))
    expect(cut).toHaveLength(60)
    expect(cut.endsWith('…')).toBe(true)
    expect(excerpt('abcdef', 4)).toBe('abc…')
  })

  it('never splits a character made of two UTF-16 units', () => {
    const cut = excerpt('a' + '😀'.repeat(50), 4)
    expect(cut).toBe('a😀…')
  })

  it('masks secrets in what it shows', () => {
    expect(excerpt('password=hunter2 and more')).toBe(`password=${MASK} and more`)
  })

  it('describes values of any type briefly', () => {
    expect(describeValue(undefined)).toBe('missing')
    expect(describeValue(null)).toBe('null')
    expect(describeValue(2.5)).toBe('2.5')
    expect(describeValue('2')).toBe('"2"')
    expect(describeValue('y'.repeat(2_000_000)).length).toBeLessThanOrEqual(62)
    expect(describeValue([1, 2, 3])).toBe('a list of 3 items')
    expect(describeValue({ a: 1 })).toBe('an object')
  })
})
