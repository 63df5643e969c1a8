import { describe, expect, it } from 'vitest'
import { pgChildEnv } from '../../../../src/main/engine/teardown/pg-child-env'
import { runTool, STDERR_TAIL_BYTES } from '../../../../src/main/engine/teardown/run-tool'

const node = process.execPath

describe('pgChildEnv', () => {
  const profile = {
    host: 'db.example',
    port: 5432,
    database: 'couch2pg',
    user: 'admin',
    ssl: 'verify-full' as const,
    sslFiles: { ca: '/etc/ca.pem', cert: null, key: null },
  }

  it('passes the password and TLS settings as environment, dropping inherited PG variables', () => {
    const env = pgChildEnv(profile, 's3cret', {
      PATH: '/usr/bin',
      PGHOST: 'elsewhere',
      PGPASSWORD: 'old',
      pgservice: 'x',
    })
    expect(env).toEqual({
      PATH: '/usr/bin',
      PGAPPNAME: 'cht-migrate',
      PGCONNECT_TIMEOUT: '10',
      PGSSLMODE: 'verify-full',
      PGPASSWORD: 's3cret',
      PGSSLROOTCERT: '/etc/ca.pem',
    })
  })

  it('leaves PGPASSWORD out without a password (.pgpass or trust then apply)', () => {
    expect(pgChildEnv(profile, null, {})).not.toHaveProperty('PGPASSWORD')
  })
})

describe('runTool', () => {
  it('keeps only the start of standard output and the tail of standard error', async () => {
    const run = await runTool(
      node,
      [
        '-e',
        `process.stdout.write('a'.repeat(10000)); process.stderr.write('e\\n'.repeat(5000) + 'last')`,
      ],
      { timeoutMs: 10_000, maxStdoutBytes: 100 },
    )
    expect(run.code).toBe(0)
    expect(run.stdout).toBe('a'.repeat(100))
    expect(run.stdoutTruncated).toBe(true)
    expect(run.stderrTail.length).toBeLessThanOrEqual(STDERR_TAIL_BYTES)
    expect(run.stderrTail.endsWith('e\nlast')).toBe(true)
  })

  it('gives every line to onLine, even past the kept output', async () => {
    const lines: string[] = []
    const run = await runTool(
      node,
      ['-e', `for (let i = 0; i < 3000; i++) console.log('line ' + i)`],
      {
        timeoutMs: 10_000,
        maxStdoutBytes: 10,
        onLine: (l) => lines.push(l),
      },
    )
    expect(run.code).toBe(0)
    expect(lines).toHaveLength(3000)
    expect(lines.at(-1)).toBe('line 2999')
  })

  it('kills a program past its time limit', async () => {
    const run = await runTool(node, ['-e', 'setTimeout(() => {}, 60000)'], {
      timeoutMs: 200,
      maxStdoutBytes: 10,
    })
    expect(run.timedOut).toBe(true)
    expect(run.code).toBeNull()
  })

  it('kills a program when the signal aborts', async () => {
    const controller = new AbortController()
    const pending = runTool(node, ['-e', 'setTimeout(() => {}, 60000)'], {
      timeoutMs: 0,
      maxStdoutBytes: 10,
      signal: controller.signal,
      onSpawn: () => controller.abort(),
    })
    const run = await pending
    expect(run.aborted).toBe(true)
    expect(run.code).toBeNull()
  })

  it('reports a program that does not exist', async () => {
    const run = await runTool('/nonexistent/pg_dump', ['--version'], {
      timeoutMs: 1_000,
      maxStdoutBytes: 10,
    })
    expect(run.spawnError?.code).toBe('ENOENT')
    expect(run.code).toBeNull()
  })
})
