import { useMemo } from 'react'
import { GATES_OF_ITEM } from '../../../../shared/teardown/gate-items'
import { teardownGates } from '../../../../shared/teardown/gates'
import { openStepTool } from '../../actions/navigation'
import { useNow } from '../../hooks/use-now'
import { routeToHash, stepRoute } from '../../lib/routes'
import { STEP_TOOL_LABEL } from '../../lib/step-tools'
import { GATE_STATE_BADGE, GATE_STATE_LABEL } from '../../lib/teardown-view'
import { useStore } from '../../store'

/**
 * On a Teardown checklist item judged by teardown gates: each gate's state and its first piece
 * of evidence, with a link to the Readiness section of the step's tool for the rest. Nothing for
 * other items.
 */
export function ItemGates({ itemId }: { itemId: string }) {
  const ids = GATES_OF_ITEM[itemId]
  const document = useStore((s) => s.project?.document ?? null)
  const now = useNow()
  const gates = useMemo(
    () => (document && ids ? teardownGates(document, new Date(now)) : []),
    [document, ids, now],
  )
  if (!ids || gates.length === 0) return null
  const shown = gates.filter((g) => ids.includes(g.id))
  return (
    <div className="item-gates" data-testid="item-gates">
      <p className="item-gates-head">
        Judged by the teardown gates (see Readiness in{' '}
        <a
          href={routeToHash(stepRoute('teardown', 'tool'))}
          onClick={(e) => {
            e.preventDefault()
            openStepTool('teardown')
          }}
        >
          {STEP_TOOL_LABEL.teardown}
        </a>
        ):
      </p>
      <ul>
        {shown.map((g) => (
          <li key={g.id} data-gate-id={g.id}>
            <span className={`badge ${GATE_STATE_BADGE[g.state]}`}>
              {GATE_STATE_LABEL[g.state]}
            </span>{' '}
            <strong>{g.title}</strong>
            {g.evidence[0] ? <span className="muted">: {g.evidence[0]}</span> : null}
          </li>
        ))}
      </ul>
    </div>
  )
}
