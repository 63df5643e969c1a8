import type { SectionModule } from '../model'

// PLACEHOLDER, replaced by the section's module before commit.
export const glossarySection: SectionModule = {
  id: 'glossary',
  title: 'Glossary and links',
  build: () => ({ intro: null, blocks: [], empty: 'not built yet' }),
}
