import type { ParitySettings } from '../../../../shared/parity-definitions'
import type { StoredResult } from '../../../../shared/project-schema'
import {
  activeComparisons,
  greenStreak,
  mismatchesPerDay,
} from '../../../../shared/results/parity-trend'
import { useNow } from '../../hooks/use-now'
import { recentDays, streakBreakText, streakText } from '../../lib/parity-view'
import { TrendChart } from '../../../../shared/charts/TrendChart'

/**
 * The parallel run's trend: how many consecutive days every comparison still run (document
 * parity, the model pairs and metrics set up) was green against the days the teardown gate asks
 * for, what broke the streak, and the differences per day over the last 30 days, as a chart with
 * its table as the text alternative.
 */
export function ParityTrend({
  results,
  parity,
}: {
  results: Readonly<Record<string, StoredResult>>
  parity: Pick<ParitySettings, 'models' | 'metrics' | 'greenDaysRequired'>
}) {
  const now = useNow()
  const today = new Date(now)
  const greenDaysRequired = parity.greenDaysRequired
  const active = activeComparisons(results, parity)
  const streak = greenStreak(results, today, active)
  const titles = Object.fromEntries(Object.values(results).map((r) => [r.id, r.title]))
  const trend = mismatchesPerDay(results, active)
  const firstDay = trend[0]?.day ?? null
  const broken = streak.comparisons.length > 0 ? streakBreakText(streak, titles, firstDay) : null
  const days = recentDays(trend, today)
  return (
    <section className="card parity-trend" aria-labelledby="parity-trend-heading">
      <h2 id="parity-trend-heading">Trend</h2>
      <p className="parity-streak" data-testid="parity-streak">
        <strong>{streakText(streak, greenDaysRequired)}</strong>
        {streak.days >= greenDaysRequired ? ' Enough for the teardown step.' : null}
      </p>
      {broken ? <p className="muted">{broken}</p> : null}
      {days.length === 0 ? (
        <p className="muted">No comparison has run in the last 30 days.</p>
      ) : (
        <div className="parity-trend-body">
          <TrendChart
            points={days.map((d) => ({ day: d.day, total: d.total, green: d.green }))}
            today={today.toISOString().slice(0, 10)}
          />
          <div
            className="table-scroll parity-trend-figures"
            role="region"
            aria-label="Differences per day"
            tabIndex={0}
          >
            <table className="parity-table parity-trend-table">
              <caption className="visually-hidden">
                Differences found per day over the last 30 days, newest first
              </caption>
              <thead>
                <tr>
                  <th scope="col">Day</th>
                  <th scope="col" className="num">
                    Differences
                  </th>
                  <th scope="col">All green</th>
                </tr>
              </thead>
              <tbody>
                {days.map((d) => (
                  <tr key={d.day} className={d.green ? undefined : 'parity-row-differs'}>
                    <th scope="row">{d.day}</th>
                    <td className="num">{d.total ?? 'not recorded'}</td>
                    <td>{d.green ? 'Yes' : 'No'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </div>
      )}
    </section>
  )
}
