import type { PlanReport, ReportSection } from '../../../../src/shared/report/model'

/** A section with defaults for the fields a test does not care about. */
export const section = (part: Partial<ReportSection> & { id: string }): ReportSection => ({
  title: part.id,
  intro: null,
  blocks: [],
  empty: null,
  ...part,
})

/**
 * A small plan in the report model with every kind of block, text that looks like markup, cells
 * a spreadsheet would run, a data-only table, an empty table and an empty section.
 */
export function planFixture(sections?: ReportSection[]): PlanReport {
  return {
    format: 'cht-migration-plan',
    schemaVersion: 1,
    generatedAt: '2026-12-02T09:14:00.000Z',
    generatedAtText: '2 December 2026 at 09:14',
    app: { name: 'cht-migrate', version: '0.1.0' },
    cover: {
      title: 'Migration plan: cht-couch2pg to CHT Sync',
      projectName: 'Kenya | phase *1*',
      deployment: 'kenya.example.org',
      chtInstance: 'https://kenya.example.org',
      chtVersion: '4.18.0',
      author: 'Amina Otieno',
      verdict: { text: 'Not ready: 3 steps are held.', tone: 'bad' },
    },
    sections: sections ?? [
      section({
        id: 'summary',
        title: 'Executive summary',
        intro: 'Where the migration stands.',
        blocks: [
          { type: 'heading', text: 'Readiness', anchor: 'summary-readiness' },
          {
            type: 'paragraph',
            spans: [
              { text: 'Read the ' },
              {
                text: 'CHT Sync guide',
                href: 'https://docs.communityhealthtoolkit.org/hosting/cht-sync/',
              },
              { text: ', then ' },
              { text: 'the checks', href: '#checks' },
              { text: '. ' },
              { text: 'Held', strong: true, tone: 'bad' },
              { text: ' and ' },
              { text: 'bad link', href: 'javascript:alert(1)' },
              { text: '.' },
            ],
          },
          {
            type: 'paragraph',
            spans: [{ text: '# not a heading\n> not a quote\n1. not a list <script>x</script>' }],
          },
          {
            type: 'facts',
            rows: [
              { label: 'Owner', value: [{ text: 'Amina Otieno' }] },
              { label: 'Due', value: [{ text: '— not recorded', missing: true }] },
            ],
          },
          { type: 'list', items: [[{ text: 'First' }], [{ text: 'Second\nline' }]] },
          { type: 'list', ordered: true, items: [[{ text: 'Stop couch2pg' }], [{ text: 'Drop' }]] },
          {
            type: 'chart',
            chart: { kind: 'parity-trend', today: '2026-12-02', span: 30, points: [] },
            alt: 'Differences per day over the last 30 days: 4 days with runs.',
          },
          { type: 'callout', tone: 'warn', spans: [{ text: 'The checks are stale.' }] },
        ],
      }),
      section({
        id: 'plan',
        title: 'Plan: inventory and decisions',
        blocks: [
          {
            type: 'table',
            caption: 'Decided objects',
            columns: [
              { key: 'object', label: 'Object', width: 3 },
              { key: 'rows', label: 'Rows', width: 1, align: 'right' },
              { key: 'owner', label: 'Owner', width: 2 },
            ],
            rows: [
              ['a|b', 1200, { text: 'Amina', strong: true }],
              ['two\nlines <b>', -5, null],
            ],
            empty: 'No object is decided yet.',
          },
          {
            type: 'table',
            csv: 'inventory',
            printed: false,
            caption: 'Every object (data only)',
            columns: [
              { key: 'object', label: 'Object', width: 1 },
              { key: 'formula', label: 'Formula', width: 1 },
              { key: 'rows', label: 'Rows', width: 1 },
            ],
            rows: [
              ['=HYPERLINK("http://x")', '+1', 42],
              ['-2', '@SUM(A1)', -7],
              ['\tTab', '\rReturn', 0],
              ['Comma, "quoted"', { text: 'क्षेत्रीय अस्पताल' }, null],
              ['line\nbreak', 'ሰላም', 3.5],
            ],
            empty: 'No inventory yet.',
          },
        ],
      }),
      section({
        id: 'checks',
        title: 'Checks',
        blocks: [
          {
            type: 'table',
            csv: 'checks',
            caption: 'Checks by step',
            columns: [
              { key: 'check', label: 'Check', width: 2 },
              { key: 'verdict', label: 'Verdict', width: 1 },
            ],
            rows: [],
            empty: 'No check ran yet.',
          },
        ],
      }),
      section({
        id: 'parity',
        title: 'Parity',
        empty: 'No comparison ran yet: run parity on the Parallel run step.',
      }),
      section({ id: 'optimize', title: 'Optimize advice' }),
      section({
        id: 'signoff',
        title: 'Sign-off',
        blocks: [
          {
            type: 'signatures',
            lines: [
              {
                name: 'Amina Otieno',
                role: 'Programme manager',
                date: '2 December 2026',
                note: 'Fine',
              },
              { name: null, role: null, date: null, note: null },
            ],
          },
        ],
      }),
    ],
  }
}
