import type { Block, Cell, PlanReport } from '../../../src/shared/report/model'

/**
 * A small plan in the document model with every kind of block and the bad input the PDF must
 * survive: names in Latin, Devanagari, Ethiopic and Arabic, characters no font has (emoji, a
 * private-use character), a 10,000-character word, an empty section, a 300-row table, missing
 * values and links inside and out.
 */
export const NAMES = {
  latin: 'Amina Otieno',
  devanagari: 'क्षेत्रीय अस्पताल',
  ethiopic: 'ሰላም ጤና ጣቢያ',
  arabic: 'مستشفى الملك فهد',
} as const

export const LONG_WORD = 'x'.repeat(10_000)
export const OUTSIDE_FONTS = 'Clinic 🏥 with \uE000 private use'

const day = (i: number) => new Date(Date.UTC(2026, 10, 2 + i)).toISOString().slice(0, 10)

function rows(n: number): Cell[][] {
  const names = Object.values(NAMES)
  return Array.from({ length: n }, (_, i) => [
    `formview_${i}`,
    `${names[i % names.length]} ${i + 1}`,
    i % 3 === 0 ? { text: 'Retire', tone: 'warn', strong: true } : 'Replace with base models',
    i % 7 === 0 ? null : NAMES.latin,
    i % 5 === 0 ? { text: '— not recorded', missing: true } : day(i % 30),
    i * 37,
  ])
}

const tableBlock = (n: number): Extract<Block, { type: 'table' }> => ({
  type: 'table',
  csv: 'inventory',
  caption: `Decided objects (${n})`,
  columns: [
    { key: 'object', label: 'Object', width: 3 },
    { key: 'name', label: 'Facility', width: 3 },
    { key: 'action', label: 'Decision', width: 3 },
    { key: 'owner', label: 'Owner', width: 2 },
    { key: 'due', label: 'Due', width: 2 },
    { key: 'rows', label: 'Rows', width: 1.5, align: 'right' },
  ],
  rows: rows(n),
  empty: 'No object was decided.',
})

/** The small plan; `rowsInTable` rows in the plan section's table. */
export function smallReport(rowsInTable = 300): PlanReport {
  return {
    format: 'cht-migration-plan',
    schemaVersion: 1,
    generatedAt: '2026-12-02T07:00:00.000Z',
    generatedAtText: '2 December 2026, 10:00',
    app: { name: 'cht-migrate', version: '0.1.0' },
    cover: {
      title: 'Migration plan: cht-couch2pg to CHT Sync',
      projectName: `Kenya migration — ${NAMES.devanagari}`,
      deployment: 'cht.example.org',
      chtInstance: 'https://cht.example.org',
      chtVersion: '4.18.0',
      author: NAMES.latin,
      verdict: {
        text: 'Blocked: 2 checks failed or could not run; 3 of 7 steps done.',
        tone: 'bad',
      },
    },
    sections: [
      {
        id: 'summary',
        title: 'Executive summary',
        intro: 'The seven steps, their gates and what is left.',
        blocks: [
          {
            type: 'callout',
            tone: 'bad',
            spans: [
              { text: 'Two checks failed: see ' },
              { text: 'Checks', href: '#checks' },
              { text: '.' },
            ],
          },
          {
            type: 'facts',
            rows: [
              { label: 'Readiness', value: [{ text: 'Blocked', tone: 'bad', strong: true }] },
              { label: 'Owner', value: [{ text: NAMES.arabic }] },
              { label: 'Approver', value: [{ text: '— not recorded', missing: true }] },
            ],
          },
          { type: 'heading', text: 'Next actions', anchor: 'next-actions' },
          {
            type: 'list',
            ordered: true,
            items: [
              [{ text: `Decide the remaining objects with ${NAMES.ethiopic}.` }],
              [
                { text: 'Read the CHT docs: ' },
                {
                  text: 'CHT Sync',
                  href: 'https://docs.communityhealthtoolkit.org/hosting/analytics/',
                },
              ],
              [{ text: OUTSIDE_FONTS }],
            ],
          },
          { type: 'paragraph', spans: [{ text: `A very long name: ${LONG_WORD} ends here.` }] },
        ],
        empty: null,
      },
      {
        id: 'plan',
        title: 'Plan: inventory and decisions',
        intro: null,
        blocks: [
          tableBlock(rowsInTable),
          { ...tableBlock(5), caption: 'Every object (exports only)', printed: false },
          {
            type: 'table',
            caption: 'Migration order',
            columns: [{ key: 'a', label: 'Step', width: 1 }],
            rows: [],
            empty: 'No order was worked out yet.',
          },
          {
            type: 'table',
            caption: 'Long cell',
            columns: [
              { key: 'a', label: 'Name', width: 1 },
              { key: 'b', label: 'Note', width: 1 },
            ],
            rows: [[LONG_WORD, `${NAMES.devanagari} ${LONG_WORD.slice(0, 3000)}`]],
            empty: '',
          },
        ],
        empty: null,
      },
      {
        id: 'checks',
        title: 'Checks',
        intro: 'Each check with its evidence and remedy.',
        blocks: [],
        empty: 'No check ran yet: run the checks of each step to fill this section.',
      },
      {
        id: 'parity',
        title: 'Parity',
        intro: null,
        blocks: [
          {
            type: 'chart',
            chart: {
              kind: 'parity-trend',
              today: day(29),
              span: 30,
              points: Array.from({ length: 30 }, (_, i) => ({
                day: day(i),
                differences: i % 4 === 0 ? 0 : 30 - i,
                green: i % 4 === 0,
                runs: 1,
              })),
            },
            alt: 'Differences per day over 30 days.',
          },
          ...[0, 1, 2].map((t): Block => ({
            type: 'chart',
            chart: {
              kind: 'metric-tile',
              title: `Tile ${t}: ${NAMES.ethiopic}`,
              groups: Array.from({ length: 8 }, (_, g) => ({
                label: g % 2 ? NAMES.devanagari : `form_${g}`,
                couch2pg: 100 + g,
                chtSync: g === 3 ? null : 100 + g - (g === t ? 5 : 0),
              })),
            },
            alt: `Tile ${t} per group.`,
          })),
        ],
        empty: null,
      },
      {
        id: 'signoff',
        title: 'Sign-off',
        intro: null,
        blocks: [
          {
            type: 'signatures',
            lines: [
              {
                name: NAMES.latin,
                role: 'Programme manager',
                date: '2 December 2026',
                note: 'Approved in the steering meeting.',
              },
              { name: NAMES.arabic, role: null, date: null, note: null },
              { name: null, role: null, date: null, note: null },
            ],
          },
        ],
        empty: null,
      },
    ],
  }
}
