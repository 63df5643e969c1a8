import type { DecommissionStage } from '../../../../shared/teardown/decommission-plan'
import { whereText } from '../../lib/teardown-view'
import { CopyButton } from '../checks/CopyButton'
import { InlineCode } from './InlineCode'

/** Commands or statements, one a line, with a Copy button; `what` names them (“the undo of…”). */
function CodeBlock({ lines, what }: { lines: readonly string[]; what: string }) {
  const text = lines.join('\n')
  return (
    <div className="code-block">
      <pre tabIndex={0} aria-label={what.charAt(0).toUpperCase() + what.slice(1)}>
        <code>{text}</code>
      </pre>
      <CopyButton text={text} accessibleLabel={`Copy ${what}`} />
    </div>
  )
}

function Stage({ stage, number }: { stage: DecommissionStage; number: number }) {
  const headingId = `teardown-stage-${stage.id}`
  const what = stage.kind === 'command' ? 'commands' : 'statements'
  return (
    <li className="teardown-stage" data-stage={stage.id} aria-labelledby={headingId}>
      <div className="teardown-stage-head">
        <h3 id={headingId}>
          {number}. {stage.title}
        </h3>
        {stage.reversible ? null : <span className="badge badge-fail">Cannot be undone</span>}
      </div>
      <p className="teardown-where">
        <span className="teardown-remedy-label">Where: </span>
        {whereText(stage)}
      </p>
      <p>
        <InlineCode text={stage.explanation} />
      </p>
      {stage.statements.length > 0 ? (
        <CodeBlock lines={stage.statements} what={`the ${what} of “${stage.title}”`} />
      ) : null}
      {stage.restore.statements.length > 0 ? (
        <div className="teardown-restore">
          <p>
            <span className="teardown-remedy-label">To undo: </span>
            {stage.restore.explanation}
          </p>
          <CodeBlock lines={stage.restore.statements} what={`the undo of “${stage.title}”`} />
        </div>
      ) : null}
    </li>
  )
}

/**
 * “The decommission plan”: stop couch2pg, revoke access and rename its database, wait the grace
 * days, drop it; each stage with where it runs, what it does, its commands or statements and
 * how to undo it (each with Copy), the stage that cannot be undone marked.
 */
export function DecommissionPlanSection({
  stages,
  database,
}: {
  stages: readonly DecommissionStage[]
  database: string | null
}) {
  return (
    <section
      className="card teardown-plan"
      aria-labelledby="teardown-plan-heading"
      data-testid="teardown-plan"
    >
      <h2 id="teardown-plan-heading">The decommission plan</h2>
      {database === null ? (
        <p className="muted">
          Set the couch2pg connection (Connections page) first: the plan names its database.
        </p>
      ) : (
        <>
          <p className="muted">
            Four stages for the database <code>{database}</code>, each undone the way it says until
            the drop. The host commands are yours to run; the database stages can also run from this
            page (below).
          </p>
          <ol className="teardown-stages" aria-label="Stages of the decommission">
            {stages.map((stage, i) => (
              <Stage key={stage.id} stage={stage} number={i + 1} />
            ))}
          </ol>
        </>
      )}
    </section>
  )
}
