import { resolve } from 'node:path'
import type { ProjectDocument } from '../../shared/project-schema'
import {
  gatesVerdict,
  teardownGates,
  type GatesVerdict,
  type TeardownGate,
} from '../../shared/teardown/gates'
import { executionPermission, type ExecutionPermission } from '../../shared/teardown/override'
import type { ExecutionRecord, TeardownOverride } from '../../shared/teardown/teardown-settings'
import { call } from '../api/dispatch'
import { decommissionPlan, type DecommissionStage } from '../../shared/teardown/decommission-plan'
import { UsageError, type CommandArgs, type FaceCommand } from './command'
import { ExitCode } from './exit-codes'
import type { CliIo } from './io'
import { createCliContext } from './run-operation'

const STATE_LABEL = { met: 'MET', unmet: 'UNMET', unknown: 'UNKNOWN' } as const
const VERDICT_TEXT: Record<GatesVerdict, string> = {
  ready: 'Every gate is met: couch2pg may be removed, stage by stage.',
  blocked: 'A gate is not met: couch2pg must stay for now.',
  incomplete: 'No gate is unmet, but some have no evidence yet.',
}
const EXIT: Record<GatesVerdict, ExitCode> = {
  ready: ExitCode.Ok,
  blocked: ExitCode.CheckFailed,
  incomplete: ExitCode.WarningsOnly,
}

function describeGates(gates: readonly TeardownGate[], io: CliIo): void {
  io.stdout('Gates:')
  for (const g of gates) {
    io.stdout(`${STATE_LABEL[g.state].padEnd(8)} ${g.title}`)
    for (const line of g.evidence) io.stdout(`         ${line}`)
    if (g.remedy) io.stdout(`         To do: ${g.remedy}`)
  }
}

function describeStages(stages: readonly DecommissionStage[], io: CliIo): void {
  io.stdout('')
  io.stdout('Decommission plan:')
  stages.forEach((s, i) => {
    const where = s.kind === 'wait' ? '' : s.runsOn === 'host' ? ' (on the host)' : ' (on postgres)'
    io.stdout(`${i + 1}. ${s.title}${where}${s.reversible ? '' : ', cannot be undone'}`)
    io.stdout(`   ${s.explanation}`)
    for (const statement of s.statements) io.stdout(`     ${statement}`)
    if (s.restore.statements.length > 0) {
      io.stdout(`   To undo: ${s.restore.explanation}`)
      for (const statement of s.restore.statements) io.stdout(`     ${statement}`)
    }
  })
}

/** Most recent stage runs printed. */
const RUNS_SHOWN = 10

function describeOverride(
  override: TeardownOverride | null,
  permission: ExecutionPermission,
  io: CliIo,
): void {
  if (!override) return
  io.stdout('')
  io.stdout(
    `Override recorded by ${override.by} on ${override.at.slice(0, 10)}: ${override.reason}`,
  )
  io.stdout(`   It covers: ${override.gates.length > 0 ? override.gates.join(', ') : 'no gate'}.`)
  if (permission.holding.length > 0 && permission.by === null) {
    io.stdout(`   Not covered, unmet since: ${permission.holding.map((g) => g.id).join(', ')}.`)
  }
}

function describeRuns(runs: readonly ExecutionRecord[], io: CliIo): void {
  if (runs.length === 0) return
  io.stdout('')
  io.stdout('Stages run from the app (latest last):')
  for (const run of runs.slice(-RUNS_SHOWN)) {
    io.stdout(
      `   ${run.at.slice(0, 16).replace('T', ' ')}  ${run.stage}  ${run.outcome}  (${run.by}) ${run.message}`,
    )
  }
}

/** What the teardown report holds, as `--json` prints it. */
export interface TeardownReport {
  gates: TeardownGate[]
  verdict: GatesVerdict
  /** Whether the app would run the database stages now: gates met or covered by the override. */
  permission: { allowed: boolean; by: ExecutionPermission['by']; holding: string[] }
  override: TeardownOverride | null
  stages: DecommissionStage[]
  executions: ExecutionRecord[]
}

/** The gates, their verdict, the override and the plan for a project document. */
export function teardownReport(document: ProjectDocument, now: Date): TeardownReport | null {
  const couch2pg = document.connections.couch2pg
  if (!couch2pg) return null
  const gates = teardownGates(document, now)
  const stages = decommissionPlan({
    database: couch2pg.database,
    deployment: document.teardown.deployment,
    graceDays: document.teardown.graceDays,
    backupPath: document.teardown.backup?.path ?? null,
  })
  const { override, executions } = document.teardown
  const permission = executionPermission(gates, override)
  return {
    gates,
    verdict: gatesVerdict(gates),
    permission: { ...permission, holding: permission.holding.map((g) => g.id) },
    override,
    stages,
    executions,
  }
}

/**
 * `cht-migrate teardown --plan --project FILE`: prints the teardown gates (state, evidence, what
 * to do) and the staged decommission plan for the project's couch2pg database, reading the file
 * only (nothing is saved, nothing runs). Exit 0 every gate met, 3 a gate unmet, 4 only unknowns
 * left, 2 bad input (no `--plan`, no couch2pg connection), 1 other errors.
 */
export const teardownCommand: FaceCommand = {
  kind: 'face',
  name: 'teardown',
  summary: 'Print the teardown gates and the staged decommission plan of couch2pg',
  usage: 'teardown --plan --project FILE [--json]',
  description:
    'Judges the gates for removing couch2pg (decisions, parity days, monitoring, no reads, ' +
    'dashboards, backup) from the project file and prints them with the staged plan: stop ' +
    'couch2pg, revoke access and rename its database, wait the grace days, drop it, each with ' +
    'how to undo it. Reads the project file only; the plan is executed in the app. Exit codes: ' +
    '0 every gate met, 3 a gate unmet, 4 some gates without evidence yet, 1 error, 2 bad input.',
  options: {
    project: { type: 'string', valueName: 'FILE', description: 'The migration project file' },
    plan: { type: 'boolean', description: 'Print the gates and the plan (required)' },
  },
  async run(args: CommandArgs, io: CliIo): Promise<ExitCode> {
    if (args.values.plan !== true) {
      throw new UsageError(
        'Execution is available only in the app; give --plan to print the plan and gates.',
      )
    }
    const { project } = args.values
    if (typeof project !== 'string' || project === '') {
      throw new UsageError('Give the project file with --project FILE.')
    }
    const ctx = await createCliContext()
    try {
      const opened = await call('project.open', { path: resolve(project) }, ctx)
      if (!opened.ok) {
        if (args.json) io.stdout(JSON.stringify(opened))
        io.stderr(`cht-migrate: ${opened.error.message}`)
        return opened.error.code === 'BAD_REQUEST' ? ExitCode.BadInput : ExitCode.Error
      }
      // Read only: a file migrated forward on open is not written back.
      await call('project.close', { discardChanges: true }, ctx)
      const report = teardownReport(opened.value.document, new Date())
      if (!report) {
        throw new UsageError(
          'The project has no couch2pg database connection: set it on the Connections step first, the plan names its database.',
        )
      }
      if (args.json) io.stdout(JSON.stringify(report))
      else {
        describeGates(report.gates, io)
        describeOverride(report.override, executionPermission(report.gates, report.override), io)
        describeStages(report.stages, io)
        describeRuns(report.executions, io)
        io.stdout('')
        io.stdout(VERDICT_TEXT[report.verdict])
      }
      return EXIT[report.verdict]
    } finally {
      await ctx.dispose()
    }
  },
}
