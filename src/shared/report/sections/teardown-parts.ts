import type { ProjectDocument } from '../../project-schema'
import { decommissionPlan } from '../../teardown/decommission-plan'
import { sizeText, type TeardownGate, type TeardownGateState } from '../../teardown/gate-types'
import type { ExecutionPermission } from '../../teardown/override'
import {
  DEPLOYMENT_LABELS,
  type BackupRecord,
  type ExecutableStage,
  type ExecutionOutcome,
  type TeardownOverride,
} from '../../teardown/teardown-settings'
import type { Block, ReportContext, Span, Tone } from '../model'
import { dateTimeText, missing, PARAGRAPH_LIMIT, said, t, toned } from '../text'
import { andList, countText } from './verdict-words'

/** The teardown section's parts: the backup, the override, the stage runs, the decommission plan. */

/** A gate's state in words, with its tone. */
export const GATE_STATE: Readonly<Record<TeardownGateState, { text: string; tone: Tone }>> = {
  met: { text: 'Met', tone: 'good' },
  unmet: { text: 'Not met', tone: 'bad' },
  unknown: { text: 'No evidence yet', tone: 'warn' },
}

const STAGE_WORDS: Readonly<Record<ExecutableStage, string>> = {
  'revoke-rename': 'Revoke access and rename the database',
  'restore-rename': 'Undo: rename back and allow connections again',
  drop: 'Drop the renamed database',
}

const OUTCOME: Readonly<Record<ExecutionOutcome, { text: string; tone: Tone }>> = {
  done: { text: 'Done', tone: 'good' },
  'dry-run': { text: 'Dry run', tone: 'neutral' },
  stopped: { text: 'Stopped', tone: 'bad' },
  refused: { text: 'Refused', tone: 'bad' },
}

const fact = (label: string, value: Span[]) => ({ label, value })

/** The verified backup's record, or a callout saying none is recorded. */
export function backupBlocks(
  backup: BackupRecord | null,
  document: ProjectDocument,
  ctx: ReportContext,
): Block[] {
  const heading: Block = { type: 'heading', text: 'Backup of the couch2pg database' }
  if (!backup) {
    return [heading, { type: 'callout', tone: 'bad', spans: [t('No backup is recorded yet.')] }]
  }
  const item = document.items['teardown.backup']
  return [
    heading,
    {
      type: 'facts',
      rows: [
        fact('File', [t(said(backup.path, 1_000))]),
        fact('Size', [
          t(
            `${sizeText(backup.sizeBytes)}, ${countText(backup.entries, 'entry', 'entries')} read by pg_restore --list`,
          ),
        ]),
        fact('Database', [t(said(backup.database, 200))]),
        fact('Origin', [
          t(
            backup.origin === 'made'
              ? 'Made by the wizard (pg_dump -Fc)'
              : 'An existing file, recorded and verified',
          ),
        ]),
        fact('Made', [t(dateTimeText(backup.createdAt, ctx))]),
        fact('Verified', [
          t(`${dateTimeText(backup.verifiedAt, ctx)}, checksum (SHA-256) ${backup.sha256}`),
        ]),
        fact('Versions', [
          t(`server ${said(backup.serverVersion, 100)}, pg_dump ${said(backup.toolVersion, 100)}`),
        ]),
        fact(
          'By',
          item?.updatedBy
            ? [
                t(
                  `${said(item.updatedBy, 200)} (who last updated the backup item of the checklist)`,
                ),
              ]
            : [missing('not recorded')],
        ),
      ],
    },
  ]
}

/** The recorded override of the gates: who, when, why, which gates, and whether it still covers. */
export function overrideBlocks(
  override: TeardownOverride | null,
  gates: readonly TeardownGate[],
  permission: ExecutionPermission,
  ctx: ReportContext,
): Block[] {
  if (!override) return []
  const title = (id: string) => gates.find((g) => g.id === id)?.title ?? id
  const standing: Span =
    permission.by === 'override'
      ? toned('Covers every gate not met now.', 'warn')
      : permission.by === 'gates'
        ? t('Not needed now: every gate is met.')
        : toned(`Does not cover: ${andList(permission.holding.map((g) => `“${g.title}”`))}.`, 'bad')
  return [
    { type: 'heading', text: 'Override of the gates' },
    {
      type: 'facts',
      rows: [
        fact('By', [t(said(override.by, 200))]),
        fact('When', [t(dateTimeText(override.at, ctx))]),
        fact('Reason', [t(said(override.reason, PARAGRAPH_LIMIT))]),
        fact(
          'Gates covered',
          override.gates.length > 0
            ? [t(andList(override.gates.map((id) => `“${title(id)}”`)))]
            : [missing('none named')],
        ),
        fact('Standing now', [standing]),
      ],
    },
  ]
}

/** The database stages run from the wizard, newest first. */
export function executionsTable(document: ProjectDocument, ctx: ReportContext): Block {
  return {
    type: 'table',
    caption: 'Database stages run from the wizard, newest first',
    columns: [
      { key: 'stage', label: 'Stage', width: 4 },
      { key: 'at', label: 'When', width: 3 },
      { key: 'by', label: 'By', width: 2 },
      { key: 'outcome', label: 'Outcome', width: 2 },
      { key: 'message', label: 'Message', width: 5 },
      { key: 'roles', label: 'Roles', width: 2 },
    ],
    rows: [...document.teardown.executions]
      .reverse()
      .map((run) => [
        STAGE_WORDS[run.stage],
        dateTimeText(run.at, ctx),
        said(run.by, 200),
        toned(OUTCOME[run.outcome].text, OUTCOME[run.outcome].tone),
        run.message ? said(run.message, 600) : null,
        run.roles.length > 0 ? said(run.roles.join(', '), 600) : null,
      ]),
    empty: 'No database stage has run from the wizard yet.',
  }
}

/** The dashboards of the plan and whether each is attested switched. */
export function dashboardsTable(document: ProjectDocument, ctx: ReportContext): Block {
  return {
    type: 'table',
    caption: 'Dashboards of the plan and whether they read the new models',
    columns: [
      { key: 'dashboard', label: 'Dashboard', width: 5 },
      { key: 'switched', label: 'Switched', width: 2 },
      { key: 'by', label: 'Attested by', width: 3 },
      { key: 'at', label: 'When', width: 3 },
    ],
    rows: document.teardown.dashboards.map((d) => [
      said(d.name, 200),
      d.switched ? toned('Yes', 'good') : toned('No', 'bad'),
      d.by ? said(d.by, 200) : null,
      d.at ? dateTimeText(d.at, ctx) : null,
    ]),
    empty: 'No dashboard of the plan is listed.',
  }
}

/** The staged decommission in words, or why it cannot be worked out yet. */
export function decommissionBlocks(document: ProjectDocument): Block[] {
  const heading: Block = { type: 'heading', text: 'Decommission plan' }
  const database = document.connections.couch2pg?.database
  if (!database) {
    return [
      heading,
      {
        type: 'paragraph',
        spans: [
          missing('not worked out'),
          t(
            ' The plan names the couch2pg database: connect to it on the Set up step to see what will be stopped, revoked, renamed and dropped.',
          ),
        ],
      },
    ]
  }
  const { deployment, graceDays, backup } = document.teardown
  const stages = decommissionPlan({
    database,
    deployment,
    graceDays,
    backupPath: backup?.path ?? null,
  })
  return [
    heading,
    {
      type: 'paragraph',
      spans: [
        t(
          `For the database ${said(database, 100)}, with couch2pg deployed as ${deployment ? DEPLOYMENT_LABELS[deployment] : 'a type not set yet'}, in ${countText(stages.length, 'stage')}:`,
        ),
      ],
    },
    {
      type: 'list',
      ordered: true,
      items: stages.map((s) =>
        [
          t(`${s.title}. `, { strong: true }),
          t(said(s.explanation, 2_000)),
          t(
            s.kind === 'command' && deployment
              ? ` Commands: ${said(s.statements.join('; '), 1_000)}.`
              : '',
          ),
          t(
            s.reversible
              ? ` Can be undone: ${said(s.restore.explanation, 1_000)}`
              : ` Cannot be undone: ${said(s.restore.explanation, 1_000)}`,
          ),
        ].filter((span) => span.text !== ''),
      ),
    },
  ]
}
