import { useState, type KeyboardEvent, type ReactNode } from 'react'
import type { StepId } from '../../../../shared/steps'
import { showStepView } from '../../actions/navigation'
import type { StepView } from '../../store/ui-slice'

const VIEWS: readonly StepView[] = ['checklist', 'tool']

const tabId = (stepId: StepId, view: StepView) => `step-${stepId}-tab-${view}`
const panelId = (stepId: StepId, view: StepView) => `step-${stepId}-panel-${view}`

/**
 * The two views of a step with a tool of its own, as tabs: its checklist and its tool. The arrow
 * keys (and Home, End) move between the tabs and show the chosen one; the address follows, so a
 * reload or a link lands on the same view. The tool is built the first time it is shown and kept
 * afterwards, so what was typed or chosen there survives a look at the checklist.
 */
export function StepTabs({
  stepId,
  stepTitle,
  view,
  toolLabel,
  checklist,
  tool,
}: {
  stepId: StepId
  stepTitle: string
  view: StepView
  toolLabel: string
  checklist: ReactNode
  tool: ReactNode
}) {
  const [toolBuilt, setToolBuilt] = useState(view === 'tool')
  if (view === 'tool' && !toolBuilt) setToolBuilt(true)
  const label: Record<StepView, string> = { checklist: 'Checklist', tool: toolLabel }

  const choose = (next: StepView, focus: boolean) => {
    if (next !== view) showStepView(stepId, next)
    if (focus) document.getElementById(tabId(stepId, next))?.focus()
  }
  const onKeyDown = (event: KeyboardEvent<HTMLButtonElement>) => {
    const at = VIEWS.indexOf(view)
    const to: Partial<Record<string, number>> = {
      ArrowRight: (at + 1) % VIEWS.length,
      ArrowLeft: (at - 1 + VIEWS.length) % VIEWS.length,
      Home: 0,
      End: VIEWS.length - 1,
    }
    const index = to[event.key]
    if (index === undefined) return
    event.preventDefault()
    choose(VIEWS[index]!, true)
  }

  return (
    <>
      <div className="step-tabs" role="tablist" aria-label={`${stepTitle}: views`}>
        {VIEWS.map((v) => (
          <button
            key={v}
            id={tabId(stepId, v)}
            type="button"
            role="tab"
            className="step-tab"
            aria-selected={view === v}
            aria-controls={panelId(stepId, v)}
            tabIndex={view === v ? 0 : -1}
            onClick={() => choose(v, false)}
            onKeyDown={onKeyDown}
          >
            {label[v]}
          </button>
        ))}
      </div>
      {VIEWS.map((v) => (
        <div
          key={v}
          id={panelId(stepId, v)}
          className={`step-tabpanel step-tabpanel-${v}`}
          role="tabpanel"
          aria-labelledby={tabId(stepId, v)}
          hidden={view !== v}
        >
          {v === 'checklist' ? checklist : toolBuilt ? tool : null}
        </div>
      ))}
    </>
  )
}
