import type { SectionModule } from '../model'

// PLACEHOLDER, replaced by the section's module before commit.
export const signoffSection: SectionModule = {
  id: 'signoff',
  title: 'Sign-off',
  build: () => ({ intro: null, blocks: [], empty: 'not built yet' }),
}
