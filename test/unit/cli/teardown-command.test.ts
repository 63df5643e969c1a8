import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest'
import { ExitCode } from '../../../src/main/cli/exit-codes'
import { main } from '../../../src/main/cli/index'
import type { DecommissionStage } from '../../../src/shared/teardown/decommission-plan'
import { serializeProject } from '../../../src/main/engine/project/project-file'
import { checksOfStep } from '../../../src/shared/checks/check-catalog'
import type { ProjectDocument } from '../../../src/shared/project-schema'
import type { GatesVerdict, TeardownGate } from '../../../src/shared/teardown/gates'
import type { BackupRecord } from '../../../src/shared/teardown/teardown-settings'
import { memoryIo } from '../../support/memory-io'
import { sampleDocument } from '../../support/project-fixtures'
import {
  checkResult,
  comparisonResult,
  inventoryResult,
  run,
} from '../../support/teardown-fixtures'

let base: string
let n = 0
beforeAll(async () => {
  base = await mkdtemp(join(tmpdir(), 'cht-teardown-cmd-'))
})
afterAll(async () => {
  await rm(base, { recursive: true, force: true })
})
beforeEach(() => {
  vi.stubEnv('CHT_MIGRATE_CONFIG_DIR', join(base, 'config'))
})
afterEach(() => vi.unstubAllEnvs())

const couch2pg = {
  host: 'db',
  port: 5432,
  database: 'couch2pg',
  user: 'u',
  ssl: 'disable' as const,
}
const backup: BackupRecord = {
  path: '/backups/couch2pg.dump',
  format: 'custom',
  database: 'couch2pg',
  sizeBytes: 1000,
  sha256: 'cd'.repeat(32),
  entries: 12,
  serverVersion: '16',
  toolVersion: '16',
  origin: 'made',
  createdAt: '2026-11-30T08:00:00.000Z',
  verifiedAt: '2026-11-30T08:00:00.000Z',
}

async function projectFile(doc: ProjectDocument): Promise<string> {
  const file = join(base, `p${++n}.chtmig.json`)
  await writeFile(file, serializeProject(doc))
  return file
}

/** A project whose every gate is met today. */
function readyDocument(): ProjectDocument {
  const doc = sampleDocument()
  const today = new Date().toISOString().slice(0, 10)
  const day = (back: number) =>
    new Date(Date.parse(`${today}T00:00:00Z`) - back * 86_400_000).toISOString().slice(0, 10)
  const history = Array.from({ length: 20 }, (_, i) => run(day(i + 1)))
  const parity = comparisonResult('parity.documents.all', 'pass', `${today}T00:00:01.000Z`, history)
  const monitor = checksOfStep('monitor').map((c) =>
    checkResult(c.id, 'pass', new Date().toISOString()),
  )
  const snapshot = (takenAt: string) => ({
    takenAt: `${takenAt}T00:00:00.000Z`,
    statsReset: null,
    relations: { 'view:public.a': { seqScans: 1, idxScans: 0, statementCalls: null } },
  })
  const results = [inventoryResult([]), parity, ...monitor]
  return {
    ...doc,
    connections: { ...doc.connections, couch2pg },
    results: Object.fromEntries(results.map((r) => [r.id, r])),
    teardown: {
      ...doc.teardown,
      deployment: 'systemd',
      backup,
      snapshots: [snapshot(day(20)), snapshot(day(1))],
      dashboards: [{ id: 'd', name: 'ANC', switched: true, by: 'a', at: backup.createdAt }],
    },
  }
}

type Report = { gates: TeardownGate[]; verdict: GatesVerdict; stages: DecommissionStage[] }

async function teardown(file: string, ...more: string[]) {
  const io = memoryIo()
  const code = await main(['teardown', '--project', file, ...more], io.io)
  return { code, io }
}

describe('cht-migrate teardown', () => {
  it('prints the gates and the plan in JSON, exit 0 when every gate is met', async () => {
    const file = await projectFile(readyDocument())
    const before = await readFile(file, 'utf8')
    const { code, io } = await teardown(file, '--plan', '--json')
    expect(code, io.stderr()).toBe(ExitCode.Ok)
    const report = JSON.parse(io.stdout()) as Report
    expect(report.verdict).toBe('ready')
    expect(report.gates.map((g) => g.state)).toEqual(Array(6).fill('met'))
    expect(report.stages.map((s) => s.id)).toEqual(['stop', 'revoke-rename', 'wait', 'drop'])
    expect(report.stages[0]!.statements[0]).toBe('sudo systemctl stop cht-couch2pg')
    expect(report.stages[3]!.restore.statements[1]).toBe(
      "pg_restore -d 'couch2pg' '/backups/couch2pg.dump'",
    )
    expect(await readFile(file, 'utf8')).toBe(before)
  })

  it('exits 3 when a gate is unmet, and prints it for people without --json', async () => {
    const doc = sampleDocument({ connections: { ...sampleDocument().connections, couch2pg } })
    const { code, io } = await teardown(await projectFile(doc), '--plan')
    expect(code, io.stderr()).toBe(ExitCode.CheckFailed)
    const out = io.stdout()
    expect(out).toContain('UNMET    A verified backup exists')
    expect(out).toContain('UNKNOWN  Dashboards switched to the new models')
    expect(out).toContain('ALTER DATABASE "couch2pg" RENAME TO "couch2pg_deprecated";')
    expect(out).toContain('# Kubernetes:')
    expect(out).toContain('A gate is not met')
  })

  it('exits 4 when no gate is unmet but some have no evidence', async () => {
    const doc = sampleDocument({ connections: { ...sampleDocument().connections, couch2pg } })
    doc.teardown.backup = backup
    const { code, io } = await teardown(await projectFile(doc), '--plan', '--json')
    expect(code, io.stderr()).toBe(ExitCode.WarningsOnly)
    expect((JSON.parse(io.stdout()) as Report).verdict).toBe('incomplete')
  })

  it('prints the recorded override, what it does not cover, and the stage runs', async () => {
    const doc = sampleDocument({ connections: { ...sampleDocument().connections, couch2pg } })
    doc.teardown.override = {
      reason: 'The ministry signed the risk off',
      by: 'Amina',
      at: '2026-11-30T09:00:00.000Z',
      gates: ['dashboards', 'no-reads', 'decisions', 'parity-days', 'monitoring'],
    }
    doc.teardown.executions = [
      {
        stage: 'revoke-rename',
        at: '2026-11-30T10:00:00.000Z',
        by: 'Amina',
        outcome: 'dry-run',
        message: '5 statements listed, nothing ran.',
        roles: [],
      },
    ]
    const { code, io } = await teardown(await projectFile(doc), '--plan')
    expect(code, io.stderr()).toBe(ExitCode.CheckFailed)
    const out = io.stdout()
    expect(out).toContain(
      'Override recorded by Amina on 2026-11-30: The ministry signed the risk off',
    )
    expect(out).toContain('Not covered, unmet since: backup.')
    expect(out).toContain('revoke-rename  dry-run  (Amina) 5 statements listed, nothing ran.')
    const json = await teardown(await projectFile(doc), '--plan', '--json')
    expect(JSON.parse(json.io.stdout())).toMatchObject({
      permission: { allowed: false, by: null, holding: ['backup'] },
      override: { by: 'Amina' },
    })
  })

  it('refuses to run without --plan, and a project without a couch2pg connection', async () => {
    const file = await projectFile(sampleDocument())
    const noPlan = await teardown(file)
    expect(noPlan.code).toBe(ExitCode.BadInput)
    expect(noPlan.io.stderr()).toContain('Execution is available only in the app')
    const noConnection = await teardown(file, '--plan')
    expect(noConnection.code).toBe(ExitCode.BadInput)
    expect(noConnection.io.stderr()).toContain('no couch2pg database connection')
  })

  it('exits 1 when the project file cannot be opened', async () => {
    const { code } = await teardown(join(base, 'missing.chtmig.json'), '--plan')
    expect(code).toBe(ExitCode.Error)
  })
})
