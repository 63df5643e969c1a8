import type { SectionModule } from '../model'

// PLACEHOLDER, replaced by the section's module before commit.
export const paritySection: SectionModule = {
  id: 'parity',
  title: 'Parity: CHT Sync against couch2pg',
  build: () => ({ intro: null, blocks: [], empty: 'not built yet' }),
}
