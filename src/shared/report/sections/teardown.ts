import type { ProjectDocument } from '../../project-schema'
import { executionPermission } from '../../teardown/override'
import { gatesVerdict, teardownGates, type TeardownGate } from '../../teardown/gates'
import type { Block, SectionModule, Span, Tone } from '../model'
import { said, t, toned } from '../text'
import {
  backupBlocks,
  dashboardsTable,
  decommissionBlocks,
  executionsTable,
  GATE_STATE,
  overrideBlocks,
} from './teardown-parts'
import { andList, countText } from './verdict-words'

/**
 * A gate's evidence in words for the plan: comparison result ids (which the parity gate names)
 * replaced by the comparison's title, each sentence made safe to print.
 */
function evidenceText(gate: TeardownGate, document: ProjectDocument): string {
  let text = gate.evidence.join(' ')
  const ids = Object.values(document.results)
    .filter((r) => r.details.kind === 'comparison')
    .sort((a, b) => b.id.length - a.id.length)
  for (const r of ids) {
    if (text.includes(r.id)) text = text.split(r.id).join(`“${r.title}”`)
  }
  return said(text, 1_200)
}

/** The overall standing of the gates in one toned sentence. */
function verdictSpans(
  gates: readonly TeardownGate[],
  permitted: 'gates' | 'override' | null,
): {
  tone: Tone
  spans: Span[]
} {
  const verdict = gatesVerdict(gates)
  const unmet = gates.filter((g) => g.state === 'unmet').map((g) => g.title)
  const unknown = gates.filter((g) => g.state === 'unknown').map((g) => g.title)
  if (verdict === 'ready') {
    return {
      tone: 'good',
      spans: [
        toned('Ready: ', 'good'),
        t(`all ${gates.length} gates are met; couch2pg and its database may be removed.`),
      ],
    }
  }
  const override =
    permitted === 'override'
      ? ' A recorded override covers every gate not met, so the database stages may run.'
      : ''
  if (verdict === 'blocked') {
    return {
      tone: 'bad',
      spans: [
        toned('Blocked: ', 'bad'),
        t(
          `${countText(unmet.length, 'gate')} not met (${andList(unmet)})` +
            (unknown.length > 0 ? ` and ${unknown.length} without evidence yet` : '') +
            `; ${gates.length - unmet.length - unknown.length} of ${gates.length} met.${override}`,
        ),
      ],
    }
  }
  return {
    tone: 'warn',
    spans: [
      toned('Not judged yet: ', 'warn'),
      t(
        `${countText(unknown.length, 'gate')} without evidence yet (${andList(unknown)}); none is unmet.${override}`,
      ),
    ],
  }
}

/** Teardown readiness: the gates, the backup, the override, the stage runs and the plan. */
export const teardownSection: SectionModule = {
  id: 'teardown',
  title: 'Teardown readiness',
  build(ctx) {
    const { document } = ctx
    const { teardown } = document
    const gates = teardownGates(document, ctx.now)
    const recorded =
      teardown.backup !== null ||
      teardown.override !== null ||
      teardown.executions.length > 0 ||
      teardown.dashboards.length > 0 ||
      teardown.snapshots.length > 0
    if (!recorded && gates.every((g) => g.state !== 'met')) {
      return {
        intro: null,
        blocks: [],
        empty: `None of the ${gates.length} teardown gates is met and nothing is recorded for the teardown yet: the backup, the dashboards and the usage snapshots recorded on the Teardown step, with the parity and monitoring results, fill this section.`,
      }
    }
    const permission = executionPermission(gates, teardown.override)
    const verdict = verdictSpans(gates, permission.by)
    const blocks: Block[] = [
      { type: 'callout', tone: verdict.tone, spans: verdict.spans },
      {
        type: 'table',
        caption: 'The teardown gates and what each was judged on',
        columns: [
          { key: 'gate', label: 'Gate', width: 4 },
          { key: 'standing', label: 'Standing', width: 2 },
          { key: 'evidence', label: 'Evidence', width: 7 },
          { key: 'remedy', label: 'What to do', width: 5 },
        ],
        rows: gates.map((g) => [
          g.title,
          toned(GATE_STATE[g.state].text, GATE_STATE[g.state].tone),
          evidenceText(g, document),
          g.remedy ? said(g.remedy, 1_000) : t('Nothing', { muted: true }),
        ]),
        empty: 'No teardown gate is defined.',
      },
      ...backupBlocks(teardown.backup, document, ctx),
      ...overrideBlocks(teardown.override, gates, permission, ctx),
      { type: 'heading', text: 'Dashboards' },
      dashboardsTable(document, ctx),
      { type: 'heading', text: 'Stage runs' },
      executionsTable(document, ctx),
      ...decommissionBlocks(document),
    ]
    const met = gates.filter((g) => g.state === 'met').length
    return {
      intro: `Whether couch2pg and its database may be removed: ${met} of ${countText(gates.length, 'gate')} met, the backup, ${teardown.override ? 'the override recorded, ' : ''}the stages run so far and the staged plan of the decommission.`,
      blocks,
      empty: null,
    }
  },
}
