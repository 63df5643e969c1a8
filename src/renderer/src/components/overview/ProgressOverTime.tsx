import { CHART_COLOURS as C } from '../../../../shared/charts/chart-data'
import { progressSummary, settledPerDay } from '../../../../shared/charts/progress-data'
import { SeriesChart } from '../../../../shared/charts/SeriesChart'
import { ALL_ITEMS } from '../../../../shared/steps-catalog'
import { useNow } from '../../hooks/use-now'
import { useStore } from '../../store'
import { selectItems } from '../../store/selectors'
import { FiguresTable } from './FiguresTable'

/**
 * Items done or not applicable, day by day, against the number of items, with how it was drawn:
 * the project keeps each item's latest state only, so each settled item counts from its last
 * update, and the caption says so. Before anything is settled, a sentence says what starts it.
 */
export function ProgressOverTime() {
  const now = useNow()
  const items = useStore(selectItems)
  const today = new Date(now).toISOString().slice(0, 10)
  const series = settledPerDay(ALL_ITEMS, items, today)
  if (series.settled === 0) {
    return (
      <p className="muted chart-empty">
        Nothing is done yet. The line starts when the first item is marked done or not applicable on
        its step’s page.
      </p>
    )
  }
  const summary = progressSummary(series)
  return (
    <figure className="chart-figure overview-chart" data-chart="progress">
      <SeriesChart
        days={series.days.map((d) => d.day)}
        series={[
          {
            id: 'settled',
            label: 'Items done or not applicable',
            values: series.days.map((d) => d.settled),
            colour: C.green,
            step: true,
            area: true,
            labelLast: true,
          },
        ]}
        target={{ value: series.total, label: `all ${series.total} items` }}
        summary={summary}
      />
      <figcaption className="chart-note">
        <span className="chart-summary">{summary}</span> Drawn from each settled item’s last update:
        the project keeps no history of status changes, so an item changed after it was settled
        counts from its latest change.
        {series.undated > 0
          ? ` ${series.undated} settled item${series.undated === 1 ? ' has' : 's have'} no date and count${series.undated === 1 ? 's' : ''} from the first day.`
          : ''}
      </figcaption>
      <FiguresTable
        caption="Items done or not applicable by the end of each day"
        columns={['Day', 'Items settled']}
        rows={[...series.days].reverse().map((d) => [d.day, d.settled])}
      />
    </figure>
  )
}
