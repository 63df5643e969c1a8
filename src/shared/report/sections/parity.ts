import type { StoredResult } from '../../project-schema'
import { comparisonResultId } from '../../parity-definitions'
import { DIFFERENCE_CLASSES, type ComparisonDetails } from '../../results/comparison-result'
import {
  activeComparisons,
  greenStreak,
  mismatchesPerDay,
  type GreenStreak,
} from '../../results/parity-trend'
import type { Block, Cell, ReportContext, SectionModule, Span, TableColumn } from '../model'
import { dateTimeText, dayText, missing, said, t } from '../text'
import { tileBlocks, trendBlocks } from './parity-charts'
import {
  countText,
  DIFFERENCE_WORDS,
  PARTIAL_WORDS,
  VERDICT_WORDS,
  verdictSpan,
} from './verdict-words'

type Comparison = StoredResult & { details: ComparisonDetails }

const MODE_WORDS: Readonly<Record<ComparisonDetails['mode'], string>> = {
  documents: 'Documents',
  model: 'Model pair',
  metric: 'Dashboard metric',
}

/** Document parity first, then the model pairs and the metrics in the order they were set up. */
function comparisons(ctx: ReportContext): Comparison[] {
  const { results, parity } = ctx.document
  const order = new Map<string, number>([
    ...parity.models.map((m, i) => [comparisonResultId('model', m.id), i] as const),
    ...parity.metrics.map((m, i) => [comparisonResultId('metric', m.id), i] as const),
  ])
  const modeRank = { documents: 0, model: 1, metric: 2 } as const
  return Object.values(results)
    .filter((r): r is Comparison => r.details.kind === 'comparison')
    .sort(
      (a, b) =>
        modeRank[a.details.mode] - modeRank[b.details.mode] ||
        (order.get(a.id) ?? Infinity) - (order.get(b.id) ?? Infinity) ||
        a.title.localeCompare(b.title),
    )
}

/** Differences in all, in-flight documents not counted (as the trend counts them). */
const totalOf = (d: ComparisonDetails): number =>
  d.differences.filter((x) => x.class !== 'in_flight').reduce((n, x) => n + x.count, 0)

/** The classes found, in words: `missing in CHT Sync: 3; different values: 1`. */
function differencesCell(r: Comparison): Cell {
  const found = r.details.differences.filter((d) => d.count > 0)
  if (found.length === 0) return r.verdict === 'error' ? missing('not compared') : 'None'
  return found
    .map((d) => `${DIFFERENCE_WORDS[d.class]}: ${d.count.toLocaleString('en-US')}`)
    .join('; ')
}

const partialText = (r: StoredResult): string =>
  r.partial ? `Partial: ${PARTIAL_WORDS[r.partial.reason] ?? r.partial.reason}` : 'Complete'

function latestTable(
  list: readonly Comparison[],
  active: ReadonlySet<string>,
  ctx: ReportContext,
): Block {
  return {
    type: 'table',
    caption: 'The latest run of each comparison',
    columns: [
      { key: 'comparison', label: 'Comparison', width: 4 },
      { key: 'mode', label: 'Kind', width: 2 },
      { key: 'verdict', label: 'Verdict', width: 2 },
      { key: 'ran', label: 'Ran', width: 3 },
      { key: 'differences', label: 'Differences by class', width: 5 },
      { key: 'coverage', label: 'Coverage', width: 2 },
    ],
    rows: list.map((r) => [
      active.has(r.id) ? said(r.title, 200) : `${said(r.title, 200)} (no longer run)`,
      MODE_WORDS[r.details.mode],
      verdictSpan(r.verdict),
      dateTimeText(r.ranAt, ctx),
      differencesCell(r),
      partialText(r),
    ]),
    empty: 'No comparison has run yet.',
  }
}

/** Every comparison with every class count: for the CSV and JSON exports only. */
function csvTable(list: readonly Comparison[]): Block {
  const columns: TableColumn[] = [
    { key: 'comparison', label: 'Comparison', width: 4 },
    { key: 'mode', label: 'Kind', width: 2 },
    { key: 'verdict', label: 'Verdict', width: 2 },
    { key: 'ran_at', label: 'Ran at (UTC)', width: 3 },
    { key: 'partial', label: 'Partial', width: 1 },
    ...DIFFERENCE_CLASSES.map((c) => ({
      key: c,
      label: DIFFERENCE_WORDS[c],
      width: 1,
      align: 'right' as const,
    })),
    { key: 'total_differences', label: 'Differences in all', width: 1, align: 'right' },
  ]
  const rows = list.map((r): Cell[] => {
    const counts = new Map(r.details.differences.map((d) => [d.class, d.count]))
    const compared = r.verdict !== 'error' || r.details.differences.length > 0
    return [
      said(r.title, 200),
      MODE_WORDS[r.details.mode],
      VERDICT_WORDS[r.verdict],
      r.ranAt,
      r.partial ? 'yes' : 'no',
      ...DIFFERENCE_CLASSES.map((c) => (compared ? (counts.get(c) ?? 0) : null)),
      compared ? totalOf(r.details) : null,
    ]
  })
  return {
    type: 'table',
    csv: 'parity',
    printed: false,
    caption: 'Every comparison with its differences per class',
    columns,
    rows,
    empty: 'No comparison has run yet.',
  }
}

/** The streak against the days the teardown gate asks for, and what ended it. */
function streakBlocks(
  streak: GreenStreak,
  required: number,
  titles: Readonly<Record<string, string>>,
  firstDay: string | null,
  ctx: ReportContext,
): Block[] {
  if (streak.comparisons.length === 0) {
    return [
      {
        type: 'callout',
        tone: 'warn',
        spans: [
          t('None of the comparisons set up now has run, so parity has not started to count.'),
        ],
      },
    ]
  }
  const enough = streak.days >= required
  const n = countText(streak.comparisons.length, 'comparison')
  const spans: Span[] =
    streak.days === 0
      ? [
          t(
            `Not every comparison run now (${n}) is green yet: the ${countText(required, 'day')} in a row the teardown gate asks for have not started.`,
            {
              strong: true,
            },
          ),
        ]
      : [
          t(
            `Every comparison run now (${n}) has been green for ${countText(streak.days, 'consecutive day')}; the teardown gate asks for ${countText(required, 'day')}.`,
            { strong: true },
          ),
          t(
            enough
              ? ' Enough for the teardown step.'
              : ` ${countText(required - streak.days, 'more day')} needed.`,
          ),
        ]
  if (streak.brokenBy) {
    const { day, comparisonId, reason } = streak.brokenBy
    const name = titles[comparisonId] ?? 'a comparison'
    spans.push(
      t(
        reason === 'no run' && firstDay !== null && day < firstDay
          ? ` Counted from ${dayText(firstDay, ctx)}, the first day the comparisons ran.`
          : ` The streak stops on ${dayText(day, ctx)}: “${name}” ${reason === 'no run' ? 'did not run' : 'did not pass'} that day.`,
      ),
    )
  }
  return [{ type: 'callout', tone: enough ? 'good' : 'warn', spans }]
}

/** Parity: the latest run of each comparison, the streak, the trend and the dashboard tiles. */
export const paritySection: SectionModule = {
  id: 'parity',
  title: 'Parity: CHT Sync against couch2pg',
  build(ctx) {
    const { document } = ctx
    const list = comparisons(ctx)
    if (list.length === 0) {
      const set = document.parity.models.length + document.parity.metrics.length
      return {
        intro: null,
        blocks: [],
        empty:
          `No parity comparison has run yet${set > 0 ? ` (${countText(set, 'comparison')} set up)` : ''}: ` +
          'running document parity, the model pairs and the replica-dashboard metrics on the Parity step (or `cht-migrate parity`) fills this section.',
      }
    }
    const active = activeComparisons(document.results, document.parity)
    const streak = greenStreak(document.results, ctx.now, active)
    const titles = Object.fromEntries(list.map((r) => [r.id, said(r.title, 200)]))
    const firstDay = mismatchesPerDay(document.results, active)[0]?.day ?? null
    const passed = list.filter((r) => r.verdict === 'pass' || r.verdict === 'warn').length
    return {
      intro: `The latest run of each of the ${countText(list.length, 'comparison')} between couch2pg and CHT Sync (${passed} passed or warned only), how long parity has held, the differences per day over the last 30 days and the replica dashboard's tiles.`,
      blocks: [
        ...streakBlocks(streak, document.parity.greenDaysRequired, titles, firstDay, ctx),
        latestTable(list, active, ctx),
        { type: 'heading', text: 'Differences per day' },
        ...trendBlocks(document.results, active, ctx),
        { type: 'heading', text: 'Replica dashboard' },
        {
          type: 'paragraph',
          spans: [
            t(
              'Each tile compares one dashboard figure per group as couch2pg and CHT Sync compute it; the groups that differ come first.',
            ),
          ],
        },
        ...tileBlocks(document),
        csvTable(list),
      ],
      empty: null,
    }
  },
}
