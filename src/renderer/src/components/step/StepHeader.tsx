import { stepCompletion } from '../../../../shared/progress'
import { STEPS } from '../../../../shared/steps-catalog'
import type { StepDef } from '../../../../shared/steps'
import { useStore } from '../../store'
import { selectItems } from '../../store/selectors'
import { DocLink } from '../common/DocLink'
import { PageHeading } from '../common/PageHeading'

/** The top of a step page: which step, its title and summary, its guide, and how far it is. */
export function StepHeader({ step }: { step: StepDef }) {
  const items = useStore(selectItems)
  const { done, total, percent } = stepCompletion(step, items)
  return (
    <header className="step-header">
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
    </header>
  )
}
