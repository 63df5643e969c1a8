import { CHECK_STEPS, type CheckStep } from '../../../../shared/checks/check-catalog'
import { findStep } from '../../../../shared/steps-catalog'
import type { StepId } from '../../../../shared/steps'
import { useMediaQuery } from '../../hooks/use-media-query'
import { usePrinting } from '../../hooks/use-printing'
import { stepViewOf } from '../../lib/routes'
import { STEP_TOOL_LABEL } from '../../lib/step-tools'
import { useStore } from '../../store'
import { StepGate } from '../checks/StepGate'
import { StepFooter } from '../next/StepFooter'
import { StepNextAction } from '../next/StepNextAction'
import { OptimizePanel } from '../optimize/OptimizePanel'
import { ParityPanel } from '../parity/ParityPanel'
import { InventoryPanel } from '../plan/InventoryPanel'
import { StepSignoff } from '../signoff/StepSignoff'
import { TeardownPanel } from '../teardown/TeardownPanel'
import { Checklist } from './Checklist'
import { StepHeader } from './StepHeader'
import { StepTabs } from './StepTabs'

/** From this width on, an opened item's details show in a column beside the checklist. */
export const WIDE_SCREEN = '(min-width: 1600px)'

const isCheckStep = (id: StepId): id is CheckStep => (CHECK_STEPS as readonly string[]).includes(id)

/** The tool of a step that has one (the Plan step's inventory…). */
function StepTool({ stepId }: { stepId: StepId }) {
  switch (stepId) {
    case 'plan':
      return <InventoryPanel />
    case 'parity':
      return <ParityPanel />
    case 'optimize':
      return <OptimizePanel />
    case 'teardown':
      return <TeardownPanel />
    default:
      return null
  }
}

/**
 * One step of the migration: its header, the next action, its gate, its checklist (one row per
 * item, opened on demand) and, on the steps that have one, its tool behind a tab; then its
 * sign-off and the way to the neighbouring steps.
 */
export function StepPage({ stepId }: { stepId: StepId }) {
  const step = findStep(stepId)
  const route = useStore((s) => s.route)
  const wide = useMediaQuery(WIDE_SCREEN)
  const printing = usePrinting()
  if (!step) return null
  const view = route.name === 'step' ? stepViewOf(route) : 'checklist'
  const toolLabel = STEP_TOOL_LABEL[step.id]
  const place = wide && !printing ? 'side' : 'inline'
  const checklist = <Checklist step={step} place={place} printing={printing} />
  return (
    <div
      className="page step-page"
      data-step-id={step.id}
      data-view={view}
      data-layout={place === 'side' && view === 'checklist' ? 'columns' : 'single'}
    >
      <StepHeader step={step} />
      <StepNextAction stepId={step.id} />
      {isCheckStep(step.id) ? <StepGate step={step.id} /> : null}
      {toolLabel ? (
        <StepTabs
          stepId={step.id}
          stepTitle={step.title}
          view={view}
          toolLabel={toolLabel}
          checklist={checklist}
          tool={<StepTool stepId={step.id} />}
        />
      ) : (
        checklist
      )}
      <StepSignoff step={step} />
      <StepFooter stepId={step.id} />
    </div>
  )
}
