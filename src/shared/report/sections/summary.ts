import type { SectionModule } from '../model'

// PLACEHOLDER, replaced by the section's module before commit.
export const summarySection: SectionModule = {
  id: 'summary',
  title: 'Executive summary',
  build: () => ({ intro: null, blocks: [], empty: 'not built yet' }),
}
