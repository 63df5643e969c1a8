import { posix, win32 } from 'node:path'
import { describe, expect, it } from 'vitest'
import { pgInstallHint } from '../../../../src/main/engine/teardown/pg-install-hint'
import { findPgTools, type FindPgToolsOptions } from '../../../../src/main/engine/teardown/pg-tools'
import { parseToolVersion } from '../../../../src/main/engine/teardown/pg-version'
import { appErrorFrom } from '../../../support/app-error'

describe('parseToolVersion', () => {
  it.each([
    ['pg_dump (PostgreSQL) 15.10 (Debian 15.10-0+deb12u1)', '15.10', 15],
    ['pg_restore (PostgreSQL) 16beta2', '16beta2', 16],
    ['pg_dump (PostgreSQL) 17.0\n', '17.0', 17],
    ['pg_dump (PostgreSQL) 18devel', '18devel', 18],
    ['pg_dump (PostgreSQL) 16rc1 (Homebrew)', '16rc1', 16],
    ['pg_dump (PostgreSQL) 9.6.24', '9.6.24', 9],
    ['pg_dump.exe (PostgreSQL) 16.2\r\n', '16.2', 16],
    ['pg_dump (EnterpriseDB) 14.11', '14.11', 14],
  ])('reads %j', (output, version, major) => {
    expect(parseToolVersion(output)).toEqual({ version, major })
  })

  it.each(['', 'pg_dump: command not found', 'mysqldump  Ver 8.0.36', 'pg_dump (PostgreSQL) x.y'])(
    'refuses %j',
    (output) => {
      expect(parseToolVersion(output)).toBeNull()
    },
  )
})

/** A fake file system: each program's path with what its `--version` prints. */
function fakeTree(
  programs: Record<string, string>,
  platform: 'linux' | 'darwin' | 'win32',
): Omit<FindPgToolsOptions, 'serverMajor'> {
  const path = platform === 'win32' ? win32 : posix
  const key = (p: string) => (platform === 'win32' ? p.toLowerCase() : p)
  const files = new Map(Object.entries(programs).map(([p, v]) => [key(p), v]))
  return {
    platform,
    env: platform === 'win32' ? { Path: '' } : { PATH: '' },
    exists: async (p) => files.has(key(p)),
    list: async (dir) => {
      const names = new Set<string>()
      for (const file of Object.keys(programs)) {
        const parent = path.dirname(file)
        const rel = path.relative(dir, file)
        if (rel.startsWith('..') || path.isAbsolute(rel) || parent === dir) continue
        names.add(rel.split(path.sep)[0]!)
      }
      return [...names]
    },
    probe: async (p) => files.get(key(p)) ?? null,
  }
}

const v = (tool: string, version: string) => `${tool} (PostgreSQL) ${version}`
const pair = (dir: string, version: string, sep = '/', exe = '') => ({
  [`${dir}${sep}pg_dump${exe}`]: v('pg_dump', version),
  [`${dir}${sep}pg_restore${exe}`]: v('pg_restore', version),
})

describe('findPgTools', () => {
  it('picks the highest major at or above the server’s on Linux', async () => {
    const tree = fakeTree(
      {
        ...pair('/usr/lib/postgresql/14/bin', '14.12'),
        ...pair('/usr/lib/postgresql/16/bin', '16.4'),
        ...pair('/usr/lib/postgresql/17/bin', '17.2'),
        ...pair('/usr/pgsql-15/bin', '15.8'),
      },
      'linux',
    )
    const tools = await findPgTools({ serverMajor: 15, ...tree })
    expect(tools.pgDump).toEqual({
      path: '/usr/lib/postgresql/17/bin/pg_dump',
      version: '17.2',
      major: 17,
    })
    expect(tools.pgRestore.path).toBe('/usr/lib/postgresql/17/bin/pg_restore')
  })

  it('looks in PATH first and prefers it on a tie', async () => {
    const tree = fakeTree(
      { ...pair('/opt/pg/bin', '16.1'), ...pair('/usr/lib/postgresql/16/bin', '16.4') },
      'linux',
    )
    const tools = await findPgTools({
      serverMajor: 16,
      ...tree,
      env: { PATH: 'rel/bin:/opt/pg/bin' },
    })
    expect(tools.pgDump.path).toBe('/opt/pg/bin/pg_dump')
  })

  it('finds /usr/local/pgsql/bin', async () => {
    const tree = fakeTree(pair('/usr/local/pgsql/bin', '16.3'), 'linux')
    expect((await findPgTools({ serverMajor: 16, ...tree })).pgRestore.major).toBe(16)
  })

  it('never pairs a pg_dump and a pg_restore from different folders', async () => {
    const tree = fakeTree(
      {
        '/usr/lib/postgresql/17/bin/pg_dump': v('pg_dump', '17.2'),
        '/usr/pgsql-17/bin/pg_restore': v('pg_restore', '17.2'),
        ...pair('/usr/lib/postgresql/15/bin', '15.10'),
      },
      'linux',
    )
    const e = await appErrorFrom(findPgTools({ serverMajor: 16, ...tree }))
    expect(e.code).toBe('UNSUPPORTED')
    expect(e.message).toContain(
      'pg_dump 17.2 and pg_restore (missing or no version) in /usr/lib/postgresql/17/bin',
    )
    expect(e.message).toContain(
      'pg_dump (missing or no version) and pg_restore 17.2 in /usr/pgsql-17/bin',
    )
    expect(e.message).toContain('pg_dump 15.10 and pg_restore 15.10 in /usr/lib/postgresql/15/bin')
  })

  it('names the server’s major, what was found and the apt package on Linux', async () => {
    const tree = fakeTree(pair('/usr/lib/postgresql/15/bin', '15.10'), 'linux')
    const e = await appErrorFrom(findPgTools({ serverMajor: 16, ...tree }))
    expect(e.code).toBe('UNSUPPORTED')
    expect(e.message).toContain('runs PostgreSQL 16')
    expect(e.message).toContain(
      'Found: pg_dump 15.10 and pg_restore 15.10 in /usr/lib/postgresql/15/bin.',
    )
    expect(e.message).toContain('sudo apt install postgresql-client-16')
    expect(e.details).toMatchObject({ serverMajor: 16 })
  })

  it('says when nothing at all was found', async () => {
    const e = await appErrorFrom(findPgTools({ serverMajor: 14, ...fakeTree({}, 'linux') }))
    expect(e.message).toContain('None were found on PATH or in the usual folders.')
  })

  it('ignores a program whose version cannot be read', async () => {
    const tree = fakeTree(
      { '/usr/local/pgsql/bin/pg_dump': 'garbage', '/usr/local/pgsql/bin/pg_restore': 'garbage' },
      'linux',
    )
    const e = await appErrorFrom(findPgTools({ serverMajor: 14, ...tree }))
    expect(e.code).toBe('UNSUPPORTED')
  })

  it('searches Homebrew and Postgres.app on macOS', async () => {
    const tree = fakeTree(
      {
        ...pair('/opt/homebrew/opt/postgresql@15/bin', '15.6'),
        ...pair('/usr/local/opt/postgresql@16/bin', '16.2'),
        ...pair('/Applications/Postgres.app/Contents/Versions/17/bin', '17.0'),
      },
      'darwin',
    )
    expect((await findPgTools({ serverMajor: 16, ...tree })).pgDump.path).toBe(
      '/Applications/Postgres.app/Contents/Versions/17/bin/pg_dump',
    )
    const tree16 = fakeTree(pair('/usr/local/opt/postgresql@16/bin', '16.2'), 'darwin')
    expect((await findPgTools({ serverMajor: 16, ...tree16 })).pgDump.version).toBe('16.2')
    const e = await appErrorFrom(findPgTools({ serverMajor: 18, ...tree }))
    expect(e.message).toContain('brew install postgresql@18')
    expect(e.message).not.toContain('apt')
  })

  it('searches Program Files for .exe programs on Windows', async () => {
    const tree = fakeTree(
      {
        ...pair('C:\\Program Files\\PostgreSQL\\15\\bin', '15.5', '\\', '.exe'),
        ...pair('C:\\Program Files\\PostgreSQL\\16\\bin', '16.1', '\\', '.exe'),
      },
      'win32',
    )
    const tools = await findPgTools({
      serverMajor: 15,
      ...tree,
      env: { Path: '', ProgramFiles: 'C:\\Program Files' },
    })
    expect(tools.pgDump.path).toBe('C:\\Program Files\\PostgreSQL\\16\\bin\\pg_dump.exe')
    expect(tools.pgRestore.path).toBe('C:\\Program Files\\PostgreSQL\\16\\bin\\pg_restore.exe')
    const e = await appErrorFrom(findPgTools({ serverMajor: 17, ...tree }))
    expect(e.message).toContain('EDB installer of PostgreSQL 17')
    expect(e.message).toContain('Command Line Tools')
  })

  it('reads a Windows Path entry, quoted or not', async () => {
    const tree = fakeTree(pair('D:\\pg\\bin', '16.1', '\\', '.exe'), 'win32')
    const tools = await findPgTools({
      serverMajor: 16,
      ...tree,
      env: { Path: 'C:\\Windows;"D:\\pg\\bin"' },
    })
    expect(tools.pgDump.path).toBe('D:\\pg\\bin\\pg_dump.exe')
  })
})

describe('pgInstallHint', () => {
  it('says what to install on each platform', () => {
    expect(pgInstallHint('linux', 16)).toContain('sudo apt install postgresql-client-16')
    expect(pgInstallHint('linux', 16)).toContain('PGDG')
    expect(pgInstallHint('darwin', 17)).toBe(
      'Install them with Homebrew: brew install postgresql@17',
    )
    expect(pgInstallHint('win32', 16)).toContain('EDB installer of PostgreSQL 16')
  })
})
