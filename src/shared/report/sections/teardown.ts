import type { SectionModule } from '../model'

// PLACEHOLDER, replaced by the section's module before commit.
export const teardownSection: SectionModule = {
  id: 'teardown',
  title: 'Teardown readiness',
  build: () => ({ intro: null, blocks: [], empty: 'not built yet' }),
}
