import type { SectionModule } from '../model'

// PLACEHOLDER, replaced by the section's module before commit.
export const optimizeSection: SectionModule = {
  id: 'optimize',
  title: 'Optimize advice',
  build: () => ({ intro: null, blocks: [], empty: 'not built yet' }),
}
