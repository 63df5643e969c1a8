import { describe, expect, it } from 'vitest'
import {
  decommissionPlan,
  deprecatedName,
  type DecommissionStage,
} from '../../../../src/shared/teardown/decommission-plan'

const stage = (stages: DecommissionStage[], id: DecommissionStage['id']) =>
  stages.find((s) => s.id === id)!
const plan = (over: Partial<Parameters<typeof decommissionPlan>[0]> = {}) =>
  decommissionPlan({ database: 'couch2pg', deployment: 'compose', graceDays: 30, ...over })

describe('decommissionPlan', () => {
  it('stages stop, revoke-rename, wait and drop, only the drop irreversible', () => {
    const stages = plan()
    expect(stages.map((s) => [s.id, s.kind, s.runsOn, s.reversible])).toEqual([
      ['stop', 'command', 'host', true],
      ['revoke-rename', 'sql', 'postgres', true],
      ['wait', 'wait', 'postgres', true],
      ['drop', 'sql', 'postgres', false],
    ])
    expect(stage(stages, 'wait').title).toBe('Wait 30 days')
    expect(stage(stages, 'wait').statements).toEqual([])
  })

  it('stops couch2pg with the commands of each deployment type, and starts it to undo', () => {
    const compose = stage(plan(), 'stop')
    expect(compose.statements).toEqual([
      'docker compose stop couch2pg',
      'docker compose rm -f couch2pg',
    ])
    expect(compose.explanation).toContain('folder that holds the compose file')
    expect(compose.explanation).toContain('another name')
    expect(compose.restore.statements).toEqual(['docker compose up -d couch2pg'])
    const systemd = stage(plan({ deployment: 'systemd' }), 'stop')
    expect(systemd.statements).toEqual([
      'sudo systemctl stop cht-couch2pg',
      'sudo systemctl disable cht-couch2pg',
    ])
    expect(systemd.restore.statements).toEqual([
      'sudo systemctl enable cht-couch2pg',
      'sudo systemctl start cht-couch2pg',
    ])
    const k8s = stage(plan({ deployment: 'kubernetes' }), 'stop')
    expect(k8s.statements).toEqual(['kubectl scale deployment cht-couch2pg --replicas=0'])
    expect(k8s.explanation).toContain('-n <namespace>')
    expect(k8s.restore.statements).toEqual(['kubectl scale deployment cht-couch2pg --replicas=1'])
  })

  it('lists every deployment’s commands as alternatives when the type is not set', () => {
    const stop = stage(plan({ deployment: null }), 'stop')
    expect(stop.statements).toEqual([
      '# Docker Compose:',
      'docker compose stop couch2pg',
      'docker compose rm -f couch2pg',
      '# systemd service:',
      'sudo systemctl stop cht-couch2pg',
      'sudo systemctl disable cht-couch2pg',
      '# Kubernetes:',
      'kubectl scale deployment cht-couch2pg --replicas=0',
    ])
    expect(stop.explanation).toContain('run those of yours only')
  })

  it('revokes, ends the sessions and renames, and renames back and grants to undo', () => {
    const s = stage(plan({ dashboardRoles: ['superset', 'Metabase Reader'] }), 'revoke-rename')
    expect(s.statements).toEqual([
      'REVOKE CONNECT ON DATABASE "couch2pg" FROM PUBLIC;',
      'REVOKE CONNECT ON DATABASE "couch2pg" FROM "superset";',
      'REVOKE CONNECT ON DATABASE "couch2pg" FROM "Metabase Reader";',
      "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = 'couch2pg' AND pid <> pg_backend_pid();",
      'ALTER DATABASE "couch2pg" RENAME TO "couch2pg_deprecated";',
    ])
    expect(s.restore.statements).toEqual([
      'ALTER DATABASE "couch2pg_deprecated" RENAME TO "couch2pg";',
      'GRANT CONNECT ON DATABASE "couch2pg" TO PUBLIC;',
      'GRANT CONNECT ON DATABASE "couch2pg" TO "superset";',
      'GRANT CONNECT ON DATABASE "couch2pg" TO "Metabase Reader";',
    ])
  })

  it('quotes odd names: quotes, spaces and unicode', () => {
    const s = plan({ database: 'my "old" dé db' })
    const rename = stage(s, 'revoke-rename').statements
    expect(rename[0]).toBe('REVOKE CONNECT ON DATABASE "my ""old"" dé db" FROM PUBLIC;')
    expect(rename[1]).toContain(`datname = 'my "old" dé db'`)
    expect(rename[2]).toBe(
      'ALTER DATABASE "my ""old"" dé db" RENAME TO "my ""old"" dé db_deprecated";',
    )
    expect(stage(s, 'drop').statements).toEqual(['DROP DATABASE "my ""old"" dé db_deprecated";'])
    const quoted = stage(plan({ database: "o'brien" }), 'revoke-rename').statements[1]
    expect(quoted).toContain(`datname = 'o''brien'`)
  })

  it('drops the renamed database and restores from the recorded backup to undo', () => {
    const drop = stage(plan({ backupPath: "/backups/it's.dump" }), 'drop')
    expect(drop.statements).toEqual(['DROP DATABASE "couch2pg_deprecated";'])
    expect(drop.restore.statements).toEqual([
      "createdb 'couch2pg'",
      `pg_restore -d 'couch2pg' '/backups/it'\\''s.dump'`,
    ])
    expect(drop.restore.explanation).toContain("/backups/it's.dump")
    const none = stage(plan(), 'drop')
    expect(none.restore.explanation).toContain('no backup path is recorded')
    expect(none.restore.statements[1]).toBe("pg_restore -d 'couch2pg' <backup path>")
  })
})

describe('deprecatedName', () => {
  const bytes = (s: string) => new TextEncoder().encode(s).length

  it('keeps a name that fits, and cuts a long one to 63 bytes, saying so', () => {
    expect(deprecatedName('couch2pg')).toEqual({ name: 'couch2pg_deprecated', truncated: false })
    const fits = 'a'.repeat(52)
    expect(deprecatedName(fits)).toEqual({ name: `${fits}_deprecated`, truncated: false })
    const long = deprecatedName('b'.repeat(63))
    expect(long).toEqual({ name: `${'b'.repeat(52)}_deprecated`, truncated: true })
    expect(bytes(long.name)).toBe(63)
    const s = stage(plan({ database: 'c'.repeat(60) }), 'revoke-rename')
    expect(s.explanation).toContain('cut so that it fits')
    expect(s.statements.at(-1)).toBe(
      `ALTER DATABASE "${'c'.repeat(60)}" RENAME TO "${'c'.repeat(52)}_deprecated";`,
    )
  })

  it('cuts multi-byte names on a character boundary', () => {
    const name = deprecatedName('é'.repeat(30)).name
    expect(bytes(name)).toBeLessThanOrEqual(63)
    expect(name).toBe(`${'é'.repeat(26)}_deprecated`)
  })
})
