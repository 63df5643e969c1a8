import { CHECK_STEPS, type CheckStep } from '../../../../shared/checks/check-catalog'
import { stepCompletion } from '../../../../shared/progress'
import { findStep, STEPS } from '../../../../shared/steps-catalog'
import type { StepId } from '../../../../shared/steps'
import { useStore } from '../../store'
import { selectItems } from '../../store/selectors'
import { DocLink } from '../common/DocLink'
import { StepGate } from '../checks/StepGate'
import { PageHeading } from '../common/PageHeading'
import { ParityPanel } from '../parity/ParityPanel'
import { OptimizePanel } from '../optimize/OptimizePanel'
import { InventoryPanel } from '../plan/InventoryPanel'
import { TeardownPanel } from '../teardown/TeardownPanel'
import { StepSignoff } from '../signoff/StepSignoff'
import { ChecklistItem } from './ChecklistItem'
import { StepFooter } from '../next/StepFooter'
import { StepNextAction } from '../next/StepNextAction'

/** Steps with a panel of their own above the checklist, which then gets a heading. */
const PANEL_STEPS: ReadonlySet<StepId> = new Set(['plan', 'parity', 'optimize', 'teardown'])

const isCheckStep = (id: StepId): id is CheckStep => (CHECK_STEPS as readonly string[]).includes(id)

/** One step of the migration: its summary, its guide, and its checklist. */
export function StepPage({ stepId }: { stepId: StepId }) {
  const step = findStep(stepId)
  const items = useStore(selectItems)
  if (!step) return null
  const { done, total, percent } = stepCompletion(step, items)
  return (
    <div className="page step-page" data-step-id={step.id}>
      <p className="eyebrow">
        Step {step.number} of {STEPS.length}
      </p>
      <PageHeading>{step.title}</PageHeading>
      <p className="lead">{step.summary}</p>
      <div className="step-facts">
        <p>
          <DocLink href={step.docUrl}>Read the CHT guide: {step.docTitle}</DocLink>
        </p>
        <p className="step-completion">
          <progress max={total} value={done} aria-hidden="true" />
          <span>
            {done} of {total} done ({percent}%)
          </span>
        </p>
      </div>
      <StepNextAction stepId={step.id} />
      {isCheckStep(step.id) ? <StepGate step={step.id} /> : null}
      {step.id === 'plan' ? <InventoryPanel /> : null}
      {step.id === 'parity' ? <ParityPanel /> : null}
      {step.id === 'teardown' ? <TeardownPanel /> : null}
      {step.id === 'optimize' ? <OptimizePanel /> : null}
      {PANEL_STEPS.has(step.id) ? <h2 className="checklist-heading">Checklist</h2> : null}
      <ol className="checklist" aria-label={`Checklist for ${step.title}`}>
        {step.items.map((item) => (
          <li key={item.id}>
            <ChecklistItem item={item} />
          </li>
        ))}
      </ol>
      <StepSignoff step={step} />
      <StepFooter stepId={step.id} />
    </div>
  )
}
