import type { SectionModule } from '../model'

// PLACEHOLDER, replaced by the section's module before commit.
export const checklistSection: SectionModule = {
  id: 'checklist',
  title: 'Appendix: the checklist',
  build: () => ({ intro: null, blocks: [], empty: 'not built yet' }),
}
