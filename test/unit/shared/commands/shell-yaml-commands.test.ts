import { execFileSync } from 'node:child_process'
import { describe, expect, it } from 'vitest'
import { parse } from 'yaml'
import { prometheusRuleYaml } from '../../../../src/shared/commands/alert-rules'
import { COMMANDS_OF_ITEM, commandsOfItem } from '../../../../src/shared/commands/registry'
import { conninfo, shellQuote } from '../../../../src/shared/commands/quoting'
import { connectedSource, emptySource } from './command-fixtures'

/** The terminal commands and Watchdog's files: valid shell and YAML, the documented names. */

const block = (itemId: string, id: string, source = connectedSource()) => {
  const found = commandsOfItem(itemId, source).find((b) => b.id === id)
  if (!found) throw new Error(`no block ${id} in ${itemId}`)
  return found
}

describe('shell commands', () => {
  it('are valid shell (bash -n) for a project with and without connections', () => {
    for (const source of [connectedSource(), emptySource()]) {
      for (const itemId of Object.keys(COMMANDS_OF_ITEM)) {
        for (const b of commandsOfItem(itemId, source).filter((x) => x.language === 'shell')) {
          expect(() => execFileSync('bash', ['-n'], { input: b.text }), b.id).not.toThrow()
        }
      }
    }
  })

  it('quote a value so the shell gives it back unchanged', () => {
    const value = `it's $(echo no) \`x\` "q" ; & | * ~`
    const out = execFileSync('bash', ['-c', `printf %s ${shellQuote(value)}`]).toString()
    expect(out).toBe(value)
    expect(shellQuote('medic-sentinel')).toBe('medic-sentinel')
  })

  it('build a libpq connection string without a password', () => {
    expect(
      conninfo({ host: 'db', port: 5432, dbname: 'cht sync', user: "o'b", password: null }),
    ).toBe("host=db port=5432 dbname='cht sync' user='o\\'b'")
  })

  it('start and check the documented Compose profiles and services', () => {
    expect(block('setup.local-profile', 'compose-up-local').text).toBe(
      'docker compose --profile local up -d',
    )
    const check = block('production.sync-running', 'compose-check-production').text
    expect(check).toContain('docker compose --profile production ps')
    expect(check).toContain('logs --tail 100 couch2pg dbt-production')
    expect(block('setup.local-sync', 'compose-check-local').text).toContain(
      'cht-sync-couch2pg-1, cht-sync-dbt-local-1, cht-sync-pgadmin-1, cht-sync-postgres-1',
    )
  })

  it('compare ids from a terminal read-only, asking for the passwords', () => {
    const text = block('parity.missing-ids', 'missing-ids-shell').text
    expect(text).toContain("PGOPTIONS='-c default_transaction_read_only=on' psql")
    expect(text).toContain(
      "'host=old.example.org port=5432 dbname=cht user=couch2pg sslmode=disable'",
    )
    expect(text).toContain("user='\\''cht sync'\\'' sslmode=require'")
    expect(text).toContain('comm -23 couch2pg-ids.txt cht-sync-ids.txt')
    expect(text).not.toMatch(/password/i)
  })

  it('check CouchDB access per database to sync, curl asking for the password', () => {
    const text = block('production.couchdb-access', 'couchdb-access').text
    expect(text).toContain(
      "curl -sS -u 'o'\\''brien' https://www.cht.example.org/medic-sentinel; echo",
    )
    expect(text.split('\n').filter((l) => l.startsWith('curl'))).toHaveLength(3)
  })
})

describe('CHT Watchdog’s lines', () => {
  it('point the SQL exporter at CHT Sync with the cht-sync collector, keyed by instance name', () => {
    const b = block('monitor.sql-exporter', 'watchdog-sql-servers')
    const config = parse(b.text) as {
      collector_files: string[]
      jobs: { collectors: string[]; static_configs: { targets: Record<string, string> }[] }[]
    }
    expect(config.collector_files).toEqual(['/etc/sql_exporter/cht_sync_collector.yml'])
    expect(config.jobs[0]!.collectors).toEqual(['cht-sync'])
    expect(config.jobs[0]!.static_configs[0]!.targets).toEqual({
      'cht.example.org': 'postgres://cht%20sync@db.example.org:5433/cht_sync?sslmode=require',
    })
    expect(b.missing).toEqual([])
  })

  it('use placeholders and say so without connections', () => {
    const b = block('monitor.sql-exporter', 'watchdog-sql-servers', emptySource())
    expect(b.text).toContain('<the instance name in cht-instances.yml>')
    expect(b.missing).toHaveLength(2)
    const metrics = block('monitor.metrics-reachable', 'watchdog-metrics', emptySource())
    expect(metrics.missing.join(' ')).toMatch(/No Watchdog address/)
  })

  it('reuse the monitoring check’s alert rules, for this instance', () => {
    const b = block('monitor.alerts', 'alerts-prometheus')
    expect(b.text).toBe(
      prometheusRuleYaml({ chtInstance: 'cht.example.org', target: 'cht.example.org' }),
    )
    expect(b.text).toContain('couch2pg_up{cht_instance="cht.example.org"}')
    expect(b.text).toContain('dbt_latency{target="cht.example.org"}')
    expect(() => parse(b.text)).not.toThrow()
  })

  it('ask Prometheus at the project’s Watchdog address', () => {
    const text = block('monitor.metrics-reachable', 'watchdog-metrics').text
    expect(text).toContain(
      "curl -s http://watchdog.example.org:9090/api/v1/query --data-urlencode 'query=couch2pg_up'",
    )
  })
})
