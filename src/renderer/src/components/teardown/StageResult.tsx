import type { OpOutput } from '../../../../shared/contract'
import type { ExecutableStage } from '../../../../shared/teardown/teardown-settings'
import {
  AUDIT_OUTCOME_LABEL,
  EXECUTION_OUTCOME_LABEL,
  outcomeBadge,
  STAGE_LABEL,
} from '../../lib/teardown-view'

/** Moves the focus to the result's heading when it appears (stable: called on mount only). */
const focusOnMount = (node: HTMLElement | null) => node?.focus()

/**
 * What one run or dry run of a stage answered: its outcome, then each statement's. Its heading
 * takes the focus when it appears (give each answer its own `key`).
 */
export function StageResult({
  result,
  stage,
  dryRun,
}: {
  result: OpOutput<'teardown.execute'>
  stage: ExecutableStage
  dryRun: boolean
}) {
  return (
    <div className="teardown-result" data-testid="teardown-result" data-outcome={result.outcome}>
      <h3 ref={focusOnMount} tabIndex={-1}>
        {dryRun ? 'Dry run' : 'Run'}: {STAGE_LABEL[stage]}
      </h3>
      <p>
        <span className={`badge ${outcomeBadge(result.outcome)}`}>
          {EXECUTION_OUTCOME_LABEL[result.outcome]}
        </span>{' '}
        {result.message}
      </p>
      {result.statements.length > 0 ? (
        <div className="table-scroll" role="region" aria-label="Statements of the run" tabIndex={0}>
          <table className="teardown-table">
            <caption className="visually-hidden">Each statement and its outcome</caption>
            <thead>
              <tr>
                <th scope="col">Statement</th>
                <th scope="col">Outcome</th>
                <th scope="col">Message</th>
              </tr>
            </thead>
            <tbody>
              {result.statements.map((s, i) => (
                <tr key={i}>
                  <td>
                    <code className="teardown-statement">{s.statement}</code>
                  </td>
                  <td>
                    <span className={`badge ${outcomeBadge(s.outcome)}`}>
                      {AUDIT_OUTCOME_LABEL[s.outcome]}
                    </span>
                  </td>
                  <td>{s.message}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </div>
  )
}
