import type { SectionModule } from '../model'

// PLACEHOLDER, replaced by the section's module before commit.
export const checksSection: SectionModule = {
  id: 'checks',
  title: 'Checks',
  build: () => ({ intro: null, blocks: [], empty: 'not built yet' }),
}
