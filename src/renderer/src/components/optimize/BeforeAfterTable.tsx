import { useId, useState } from 'react'
import type { ExplainQuery } from '../../../../shared/checks/check-settings'
import { EXPLAIN_FIGURED_QUERIES } from '../../../../shared/checks/optimize-catalog'
import type { StoredResult } from '../../../../shared/project-schema'
import { exactTime } from '../../lib/format'
import {
  changePercent,
  changeText,
  compareQueries,
  earlierRuns,
  figureText,
  type BaselineChoice,
} from './explain-comparison'

function Change({ before, after }: { before: number | null; after: number | null }) {
  const percent = changePercent(before, after)
  const kind = percent === null || percent === 0 ? 'same' : percent < 0 ? 'better' : 'worse'
  const words = kind === 'better' ? ' (lower)' : kind === 'worse' ? ' (higher)' : ''
  return (
    <td className={`optimize-change optimize-change-${kind}`}>
      {changeText(percent)}
      {words ? <span className="visually-hidden">{words}</span> : null}
    </td>
  )
}

/**
 * Each dashboard query's total cost and time before and after, from `optimize.explain`: the
 * latest run against an earlier one (each query's first measured run by default, or a run the
 * user picks). Time is planning plus execution, measured only where EXPLAIN ANALYZE finished.
 */
export function BeforeAfterTable({
  queries,
  result,
}: {
  queries: readonly ExplainQuery[]
  result: StoredResult | undefined
}) {
  const id = useId()
  const [baseline, setBaseline] = useState<BaselineChoice>('first')
  const runs = earlierRuns(result)
  // A picked run thinned out of the history since falls back to each query's first run.
  const known = ['first', 'previous'].includes(baseline) || runs.some((r) => r.ranAt === baseline)
  const rows = compareQueries(queries, result, known ? baseline : 'first')
  return (
    <section
      className="optimize-compare"
      aria-labelledby={`${id}-title`}
      data-testid="explain-compare"
    >
      <h3 id={`${id}-title`}>Before and after</h3>
      {!result ? (
        <p className="muted">
          The Optimize checks have not run since the queries were listed: run them to EXPLAIN each
          query, then again after a change to compare.
        </p>
      ) : (
        <p className="muted">
          Latest run: {exactTime(result.ranAt)}.{' '}
          {runs.length === 0 ? 'Run the checks again after a change to see what it gained.' : null}
        </p>
      )}
      {runs.length > 0 ? (
        <div className="field optimize-baseline">
          <label htmlFor={`${id}-baseline`}>Compare with</label>
          <select
            id={`${id}-baseline`}
            className="input"
            value={baseline}
            onChange={(e) => setBaseline(e.target.value)}
          >
            <option value="first">The first run of each query</option>
            <option value="previous">The run before the latest</option>
            {runs.map((r) => (
              <option key={r.ranAt} value={r.ranAt}>
                The run of {exactTime(r.ranAt)}
              </option>
            ))}
          </select>
        </div>
      ) : null}
      {/* Focusable, so a keyboard user can scroll a wide table on a narrow window. */}
      <div
        className="optimize-table-wrap"
        tabIndex={0}
        role="region"
        aria-label="Cost and time of each query"
      >
        <table className="progress-table optimize-table">
          <caption className="visually-hidden">
            Total cost and time of each dashboard query, before and after
          </caption>
          <thead>
            <tr>
              <th scope="col">Query</th>
              <th scope="col">Cost before</th>
              <th scope="col">Cost after</th>
              <th scope="col">Cost change</th>
              <th scope="col">Time before</th>
              <th scope="col">Time after</th>
              <th scope="col">Time change</th>
            </tr>
          </thead>
          <tbody>
            {rows.map(({ query, tag, before, after }) => (
              <tr key={query.id} data-query={query.label}>
                <th scope="row">
                  {query.label}
                  <span className="muted optimize-tag"> {tag}</span>
                </th>
                <td>{figureText(before?.cost)}</td>
                <td>{figureText(after?.cost)}</td>
                <Change before={before?.cost ?? null} after={after?.cost ?? null} />
                <td>{figureText(before?.ms, 'ms')}</td>
                <td>{figureText(after?.ms, 'ms')}</td>
                <Change before={before?.ms ?? null} after={after?.ms ?? null} />
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p className="muted optimize-hint">
        “—” means the run did not measure it: the query was added or edited since, EXPLAIN could not
        run it, only estimates were possible (no time), or it is beyond the first{' '}
        {EXPLAIN_FIGURED_QUERIES} queries, whose figures are kept from run to run.
      </p>
    </section>
  )
}
