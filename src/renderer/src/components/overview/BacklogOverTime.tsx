import {
  BACKLOG_CHECKS,
  backlogPerDay,
  backlogReadings,
  backlogSummary,
  type BacklogDay,
} from '../../../../shared/charts/backlog-data'
import { CHART_COLOURS as C } from '../../../../shared/charts/chart-data'
import { SeriesChart } from '../../../../shared/charts/SeriesChart'
import { findCheck } from '../../../../shared/checks/check-catalog'
import { findStep } from '../../../../shared/steps-catalog'
import { useNow } from '../../hooks/use-now'
import { useStore } from '../../store'
import { selectResults } from '../../store/selectors'
import { FiguresTable, type Figure } from './FiguresTable'
import { StepLink } from './StepLink'

const SPAN = 30

const cell = (v: number | null | undefined): Figure =>
  v === undefined ? 'not read' : v === null ? 'unknown' : v

/** The checks that read both backlogs, each named with a link to its step. */
function Sources() {
  const checks = BACKLOG_CHECKS.map((id) => findCheck(id)).filter((c) => c !== undefined)
  return (
    <>
      {checks.map((check, i) => {
        const step = findStep(check.step)
        return (
          <span key={check.id}>
            {i > 0 ? ' or ' : null}“{check.title}” (
            {step ? (
              <StepLink stepId={step.id}>
                step {step.number}, {step.title}
              </StepLink>
            ) : (
              check.step
            )}
            )
          </span>
        )
      })}
    </>
  )
}

/**
 * Changes waiting after couch2pg's and CHT Sync's checkpoints, per day over the last 30 days, from
 * the stored results of the checks that read both; before any reading, a sentence naming those
 * checks and their steps.
 */
export function BacklogOverTime() {
  const now = useNow()
  const results = useStore(selectResults)
  const today = new Date(now).toISOString().slice(0, 10)
  const days: BacklogDay[] = backlogPerDay(backlogReadings(results), today, SPAN)
  const read = days.filter((d) => d.couch2pg !== undefined || d.chtSync !== undefined)
  if (read.length === 0) {
    return (
      <p className="muted chart-empty">
        No backlog was read in the last {SPAN} days. Each run of <Sources /> reads how many changes
        wait for each pipeline and adds a point here.
      </p>
    )
  }
  const summary = backlogSummary(days)
  return (
    <figure className="chart-figure overview-chart" data-chart="backlog">
      <SeriesChart
        days={days.map((d) => d.day)}
        series={[
          {
            id: 'couch2pg',
            label: 'couch2pg',
            values: days.map((d) => d.couch2pg),
            colour: C.old,
            marker: 'circle',
          },
          {
            id: 'chtSync',
            label: 'CHT Sync',
            values: days.map((d) => d.chtSync),
            colour: C.new,
            marker: 'square',
            dashed: true,
          },
        ]}
        summary={summary}
      />
      <figcaption className="chart-note">
        <span className="chart-summary">{summary}</span> Changes CouchDB holds after each pipeline’s
        checkpoint, summed over the databases it copies; the latest reading of each day, from{' '}
        <Sources />. A “?” marks a day whose backlog could not be read.
      </figcaption>
      <FiguresTable
        caption={`Changes waiting per pipeline, per day over the last ${SPAN} days, newest first`}
        columns={['Day', 'couch2pg', 'CHT Sync']}
        rows={[...read].reverse().map((d) => [d.day, cell(d.couch2pg), cell(d.chtSync)])}
      />
    </figure>
  )
}
