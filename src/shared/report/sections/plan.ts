import type { SectionModule } from '../model'

// PLACEHOLDER, replaced by the section's module before commit.
export const planSection: SectionModule = {
  id: 'plan',
  title: 'Plan: inventory and decisions',
  build: () => ({ intro: null, blocks: [], empty: 'not built yet' }),
}
