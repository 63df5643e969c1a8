import { comparisonResultId } from '../../src/shared/parity-definitions'
import type { ProjectDocument, StoredResult } from '../../src/shared/project-schema'
import { withHistory } from '../../src/shared/results/history'
import type { NewResult } from '../../src/shared/results/result-schema'
import { STEP_IDS } from '../../src/shared/steps'
import { largeProject } from './large-project'

/**
 * The project of the plan's benchmark (`npm run bench:report`): 1,000 inventory objects, every one
 * needing a decision and most decided with an owner and a due date, named in Latin, Devanagari,
 * Ethiopic and Arabic; 100 checks with evidence and remedies; 50 comparisons (25 model pairs, 25
 * dashboard metrics) with a run on each of the last 30 days; approvals on some steps.
 * Deterministic; `REPORT_NOW` is the moment the plan is generated.
 */
export const REPORT_SIZE = { objects: 1_000, checks: 100, comparisons: 50, days: 30 } as const

const DAY = 86_400_000
/** The last day of the parallel run, when the plan is generated. */
export const REPORT_NOW = new Date('2026-10-30T16:00:00.000Z')
const at = (ms: number) => new Date(ms).toISOString()

/** Names as deployments write them: facilities, districts, people. */
export const SCRIPT_NAMES = [
  'Kisumu County Referral Hospital',
  'क्षेत्रीय अस्पताल',
  'ሰላም ጤና ጣቢያ',
  'مستشفى الملك فهد',
  'Amina Otieno',
  'नेपाल स्वास्थ्य केन्द्र',
  'ጎንደር ሆስፒታል',
  'مركز صحي الحي',
] as const
const OWNERS = ['Amina Otieno', 'सीता शर्मा', 'ሰላም ተስፋዬ', 'فاطمة الزهراء', 'Wanjiru Kamau']
const MODELS = ['data_record', 'person', 'place', 'contact', 'user']

/** Inventory objects named in four scripts, all needing a decision; nine in ten decided. */
function withScriptNames(doc: ProjectDocument): void {
  const inventory = Object.values(doc.results).find((r) => r.details.kind === 'inventory')
  if (!inventory || inventory.details.kind !== 'inventory') throw new Error('no inventory')
  const rename = new Map<string, string>()
  inventory.details.objects = inventory.details.objects.map((o, n) => {
    const name = `${SCRIPT_NAMES[n % SCRIPT_NAMES.length]!.replace(/ /g, '_')}_${n}`
    const key = `${o.kind}:public.${name}`
    rename.set(o.key, key)
    // Every object is the deployment's own, so each needs a decision.
    return { ...o, name, key, origin: { ...o.origin, origin: 'custom', release: null } }
  })
  for (const o of inventory.details.objects) {
    o.dependsOn = o.dependsOn.map((k) => rename.get(k) ?? k)
    o.usedBy = o.usedBy.map((k) => rename.get(k) ?? k)
  }
  inventory.details.objects.forEach((o, n) => {
    if (n % 10 === 9) return
    const action = n % 7 === 0 ? 'retire' : n % 3 === 0 ? 'rebuild' : 'replace'
    doc.inventory.decisions[o.key] = {
      action,
      models: action === 'retire' ? [] : action === 'rebuild' ? [`report_${n}`] : [MODELS[n % 5]!],
      owner: OWNERS[n % OWNERS.length]!,
      due: n % 13 === 0 ? null : at(REPORT_NOW.getTime() + (n % 60) * DAY).slice(0, 10),
      note: n % 4 === 0 ? `Used by the ${SCRIPT_NAMES[n % 8]} monthly dashboard.` : '',
      decidedBy: OWNERS[(n + 1) % OWNERS.length]!,
      decidedAt: at(REPORT_NOW.getTime() - (n % 20) * DAY),
    }
  })
}

function comparison(kind: 'model' | 'metric', i: number, ranAt: number, day: number): NewResult {
  const differences = day > 20 ? 0 : (i * 7 + day) % 11
  const groups = Array.from({ length: 12 }, (_, g) => [
    `${SCRIPT_NAMES[g % SCRIPT_NAMES.length]}`,
    `2026-${String((g % 9) + 1).padStart(2, '0')}`,
  ])
  return {
    id: comparisonResultId(kind, `${kind}-${i}`),
    itemId: kind === 'model' ? 'parity.models' : 'parity.dashboard',
    title: `${kind === 'model' ? 'Model' : 'Tile'} ${i}: ${SCRIPT_NAMES[i % 8]}`,
    verdict: differences === 0 ? 'pass' : 'fail',
    summary: `${differences} differences in ${(120_000 + i * 1_000).toLocaleString('en-US')} rows.`,
    ranAt: at(ranAt),
    durationMs: 12_000 + i * 10,
    endpoints: [
      { endpoint: 'couch2pg', target: 'postgres://reader@db.example.org:5432/couch2pg' },
      { endpoint: 'chtSync', target: 'postgres://reader@db.example.org:5432/cht_sync' },
    ],
    partial: null,
    details: {
      kind: 'comparison',
      mode: kind,
      old: { label: 'couch2pg', endpoint: 'couch2pg', relation: `public.formview_${i}` },
      new: { label: 'CHT Sync', endpoint: 'chtSync', relation: `v1.form_model_${i}` },
      counts: groups.map((group, g) => ({
        group,
        old: 1_000 + g * 37,
        new: 1_000 + g * 37 - (g === i % 12 ? differences : 0),
      })),
      differences:
        differences === 0
          ? []
          : [
              {
                class: 'missing_in_new',
                count: differences,
                samples: [{ key: groups[i % 12]!.join(' / '), old: '1', new: null, note: null }],
              },
            ],
      checkpoints: [],
    },
  }
}

/** 25 model pairs and 25 metrics, each run once a day over the last 30 days. */
function withComparisons(doc: ProjectDocument): void {
  const half = REPORT_SIZE.comparisons / 2
  const start = REPORT_NOW.getTime() - (REPORT_SIZE.days - 1) * DAY - 3_600_000
  for (const kind of ['model', 'metric'] as const) {
    for (let i = 0; i < half; i++) {
      let stored: StoredResult | undefined
      for (let d = 0; d < REPORT_SIZE.days; d++) {
        stored = withHistory(comparison(kind, i, start + d * DAY, d), stored)
      }
      doc.results[stored!.id] = stored!
    }
  }
  doc.parity.models = doc.parity.models.slice(0, half).map((m, i) => ({ ...m, id: `model-${i}` }))
  doc.parity.metrics = doc.parity.metrics
    .slice(0, half)
    .map((m, i) => ({ ...m, id: `metric-${i}`, title: `Tile ${i}: ${SCRIPT_NAMES[i % 8]}` }))
}

/** Approvals on the first four steps. */
function withSignoffs(doc: ProjectDocument): void {
  STEP_IDS.slice(0, 4).forEach((step, s) => {
    doc.signoff[step] = [
      {
        id: `signoff-${s}`,
        name: OWNERS[s % OWNERS.length]!,
        role: s % 2 ? 'Hosting lead' : 'Programme manager',
        at: at(REPORT_NOW.getTime() - (10 - s) * DAY),
        note: s === 0 ? 'Approved in the steering meeting.' : '',
        recordedBy: 'Amina Otieno',
        recordedAt: at(REPORT_NOW.getTime() - (9 - s) * DAY),
      },
    ]
  })
}

/**
 * Checklist items as a project keeps them: a note of a sentence or two, evidence on some (the
 * size budget's project has pages of notes per item, which no plan is made of).
 */
function withChecklist(doc: ProjectDocument): void {
  Object.entries(doc.items).forEach(([id, item], i) => {
    doc.items[id] = {
      ...item,
      note: `Checked with ${OWNERS[i % OWNERS.length]} on day ${i}; the data team agreed.`,
      evidence:
        i % 3 === 0
          ? item.evidence
              .slice(0, 1)
              .map((e) => ({ ...e, text: 'form_a | 2025-01 | 1204\nform_b | 2025-01 | 877' }))
          : [],
    }
  })
}

/** The benchmark's project. */
export function reportProject(): ProjectDocument {
  const doc = largeProject({
    objects: REPORT_SIZE.objects,
    checks: REPORT_SIZE.checks,
    history: 5,
    comparisons: 0,
  })
  doc.name = 'Kenya CHT Sync migration (plan benchmark) — क्षेत्रीय अस्पताल'
  doc.connections.couchdb = { url: 'https://cht.example.org', username: 'reader' }
  withScriptNames(doc)
  withChecklist(doc)
  withComparisons(doc)
  withSignoffs(doc)
  return doc
}
