import { TrendChart } from '../../../../shared/charts/TrendChart'
import { trendBars, trendSummary } from '../../../../shared/charts/chart-data'
import { emptyParity, type ParitySettings } from '../../../../shared/parity-definitions'
import {
  activeComparisons,
  greenStreak,
  mismatchesPerDay,
} from '../../../../shared/results/parity-trend'
import { findStep } from '../../../../shared/steps-catalog'
import { useNow } from '../../hooks/use-now'
import { recentDays, streakText } from '../../lib/parity-view'
import { useStore } from '../../store'
import { selectResults } from '../../store/selectors'
import { FiguresTable } from './FiguresTable'
import { StepLink } from './StepLink'

const NO_PARITY: ParitySettings = emptyParity()
const SPAN = 30

/**
 * The parallel run's trend as the Parity step shows it: differences per day of the comparisons
 * still set up over the last 30 days, the green days in a row against those teardown needs, and
 * the figures as a table. Before any comparison ran, a sentence says which step runs them.
 */
export function ParityOverTime() {
  const now = useNow()
  const results = useStore(selectResults)
  const parity = useStore((s) => s.project?.document.parity ?? NO_PARITY)
  const today = new Date(now)
  const active = activeComparisons(results, parity)
  const days = recentDays(mismatchesPerDay(results, active), today, SPAN)
  const step = findStep('parity')
  if (days.length === 0) {
    return (
      <p className="muted chart-empty">
        No comparison has run in the last {SPAN} days. The{' '}
        <StepLink stepId="parity">{step ? `${step.number}. ${step.title}` : 'Parity'}</StepLink>{' '}
        step runs them; each day with a run adds a bar here.
      </p>
    )
  }
  const day = today.toISOString().slice(0, 10)
  const points = days.map((d) => ({ day: d.day, total: d.total, green: d.green }))
  const streak = greenStreak(results, today, active)
  return (
    <figure className="chart-figure overview-chart" data-chart="parity">
      <TrendChart points={points} today={day} span={SPAN} width={400} height={220} />
      <figcaption className="chart-note">
        <span className="chart-summary">{trendSummary(trendBars(points, day, SPAN))}</span>{' '}
        {streakText(streak, parity.greenDaysRequired)}
      </figcaption>
      <FiguresTable
        caption={`Differences found per day over the last ${SPAN} days, newest first`}
        columns={['Day', 'Differences', 'All green']}
        rows={days.map((d) => [d.day, d.total ?? 'not recorded', d.green ? 'Yes' : 'No'])}
      />
    </figure>
  )
}
