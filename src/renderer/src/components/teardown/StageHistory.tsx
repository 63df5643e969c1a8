import { useMemo } from 'react'
import type { AuditEntry, ExecutionRecord } from '../../../../shared/teardown/teardown-settings'
import { exactTime } from '../../lib/format'
import {
  EXECUTION_OUTCOME_LABEL,
  newestFirst,
  outcomeBadge,
  STAGE_LABEL,
} from '../../lib/teardown-view'
import { AuditTrail } from './AuditTrail'

/**
 * What ran from the wizard on the couch2pg server: the stage runs (who, when, how each ended,
 * the roles whose own CONNECT grant it revoked or gave back), newest first, and the audit trail
 * of every statement.
 */
export function StageHistory({
  executions,
  audit,
}: {
  executions: readonly ExecutionRecord[]
  audit: readonly AuditEntry[]
}) {
  const runs = useMemo(() => newestFirst(executions), [executions])
  const entries = useMemo(() => newestFirst(audit), [audit])
  return (
    <section
      className="card teardown-history"
      aria-labelledby="teardown-history-heading"
      data-testid="teardown-history"
    >
      <h2 id="teardown-history-heading">Stage runs and audit trail</h2>
      <h3>Stage runs</h3>
      {runs.length === 0 ? (
        <p className="muted">No stage has run from the wizard yet.</p>
      ) : (
        <div className="table-scroll" role="region" aria-label="Stage runs" tabIndex={0}>
          <table className="teardown-table" data-testid="teardown-executions">
            <caption className="visually-hidden">Stage runs, newest first</caption>
            <thead>
              <tr>
                <th scope="col">When</th>
                <th scope="col">Stage</th>
                <th scope="col">By</th>
                <th scope="col">Outcome</th>
                <th scope="col">Message</th>
                <th scope="col">Roles</th>
              </tr>
            </thead>
            <tbody>
              {runs.map((run, i) => (
                <tr key={`${run.at}-${i}`}>
                  <th scope="row">{exactTime(run.at)}</th>
                  <td>{STAGE_LABEL[run.stage]}</td>
                  <td>{run.by}</td>
                  <td>
                    <span className={`badge ${outcomeBadge(run.outcome)}`}>
                      {EXECUTION_OUTCOME_LABEL[run.outcome]}
                    </span>
                  </td>
                  <td>{run.message}</td>
                  <td>{run.roles.length > 0 ? run.roles.join(', ') : '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <h3>Audit trail</h3>
      <AuditTrail entries={entries} />
    </section>
  )
}
