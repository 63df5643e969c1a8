import type { SectionModule } from '../model'
import { checklistSection } from './checklist'
import { checksSection } from './checks'
import { glossarySection } from './glossary'
import { optimizeSection } from './optimize'
import { paritySection } from './parity'
import { planSection } from './plan'
import { signoffSection } from './signoff'
import { summarySection } from './summary'
import { teardownSection } from './teardown'

/**
 * The plan's sections in the order they are printed (after the cover and the contents). A new
 * section is one new module here; the PDF, JSON and Markdown renderers need no change.
 */
export const REPORT_SECTIONS: readonly SectionModule[] = [
  summarySection,
  planSection,
  checksSection,
  paritySection,
  optimizeSection,
  teardownSection,
  signoffSection,
  checklistSection,
  glossarySection,
]
