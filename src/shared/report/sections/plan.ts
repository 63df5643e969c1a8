import { DECISION_LABELS, type Decision } from '../../inventory/decisions'
import { ageInDays, isStale } from '../../progress'
import type { InventoryObject } from '../../results/inventory-result'
import type { Block, Cell, ReportContext, SectionModule } from '../model'
import { dateTimeText, dayText, said, shortDayText, t, toned } from '../text'
import { countText, PARTIAL_WORDS } from './verdict-words'
import {
  COMPLEXITY_LABEL,
  decisionCell,
  decisionCountTable,
  inventoryCsvTable,
  keyText,
  KIND_LABEL,
  kindOriginTable,
  num,
  objectText,
  storedInventories,
  type StoredInventories,
} from './plan-tables'
import { couchdbBlocks } from './plan-couchdb'

/** What the couch2pg inventory is of and when it ran, and what to beware of in it. */
function scanBlocks(inv: NonNullable<StoredInventories['couch2pg']>, ctx: ReportContext): Block[] {
  const { result, details } = inv
  const target = result.endpoints.find((e) => e.endpoint === 'couch2pg')?.target
  const where = target ? ` on ${said(target, 300)}` : ''
  const custom = details.objects.filter((o) => o.origin.origin === 'custom').length
  const blocks: Block[] = [
    {
      type: 'paragraph',
      spans: [
        t(
          `The couch2pg database ${said(details.server.database, 200)}${where} (${said(details.server.version, 200)}) was inventoried on ${dateTimeText(result.ranAt, ctx)}: ${countText(details.objects.length, 'object')}, of which ${num(custom)} custom.`,
        ),
        ...(details.couch2pg.release
          ? [t(` Its couch2pg objects match release ${said(details.couch2pg.release, 200)}.`)]
          : []),
      ],
    },
  ]
  if (!details.couch2pg.found) {
    const note = details.couch2pg.note ? ` ${said(details.couch2pg.note)}` : ''
    blocks.push({
      type: 'callout',
      tone: 'warn',
      spans: [t(`No object of couch2pg was found: this may not be a couch2pg database.${note}`)],
    })
  }
  if (result.partial) {
    blocks.push({
      type: 'callout',
      tone: 'warn',
      spans: [
        t(
          `The inventory is partial (${PARTIAL_WORDS[result.partial.reason] ?? 'stopped early'}: ${said(result.partial.note)}). What it lists is true, but objects may be missing.`,
        ),
      ],
    })
  }
  const staleAfter = ctx.document.settings.staleAfterDays
  if (isStale(result.ranAt, staleAfter, ctx.now.getTime())) {
    blocks.push({
      type: 'callout',
      tone: 'warn',
      spans: [
        t(
          `The inventory is ${countText(ageInDays(result.ranAt, ctx.now.getTime()), 'day')} old, older than the project's ${countText(staleAfter, 'day')}: run it again before relying on it.`,
        ),
      ],
    })
  }
  return blocks
}

function orderRow(
  n: number,
  o: InventoryObject,
  decision: Decision | undefined,
  ctx: ReportContext,
): Cell[] {
  const models: Cell = !decision
    ? null
    : decision.action === 'retire'
      ? t('None', { muted: true })
      : decision.models.length > 0
        ? said(decision.models.join(', '))
        : null
  return [
    n,
    objectText(o),
    KIND_LABEL[o.kind],
    o.mapping ? COMPLEXITY_LABEL[o.mapping.complexity] : null,
    decisionCell(decision, o.origin.origin === 'custom'),
    models,
    decision && decision.owner.trim() !== '' ? said(decision.owner, 200) : null,
    decision?.due ? shortDayText(decision.due, ctx) : null,
  ]
}

/**
 * The objects to migrate: the suggested order, then decided objects outside it, then the custom
 * objects nobody decided yet.
 */
function orderBlocks(inv: NonNullable<StoredInventories['couch2pg']>, ctx: ReportContext): Block[] {
  const decisions = ctx.document.inventory.decisions
  const byKey = new Map(inv.details.objects.map((o) => [o.key, o]))
  const seen = new Set<string>()
  const listed: InventoryObject[] = []
  const add = (o: InventoryObject | undefined) => {
    if (!o || seen.has(o.key)) return
    seen.add(o.key)
    listed.push(o)
  }
  for (const key of inv.details.order) add(byKey.get(key))
  for (const o of inv.details.objects) if (decisions[o.key]) add(o)
  for (const o of inv.details.objects) if (o.origin.origin === 'custom') add(o)
  return [
    { type: 'heading', text: 'Objects to migrate, in the suggested order', anchor: 'plan-order' },
    {
      type: 'paragraph',
      spans: [
        t(
          'The order follows the dependency graph: each object comes after the objects it reads. Decided objects outside that order follow, then the custom objects still undecided. Decision: replace with base models, rebuild as a new dbt model, or retire. Complexity is the wizard’s estimate of the work to rebuild the object as a dbt model.',
        ),
      ],
    },
    {
      type: 'table',
      caption:
        'Objects to migrate, in the suggested order, with their decision, owner and due date',
      columns: [
        { key: 'position', label: '#', width: 0.6, align: 'right' },
        // Object names run to 63 characters: theirs is the widest column.
        { key: 'object', label: 'Object', width: 3.6 },
        { key: 'kind', label: 'Kind', width: 1.8 },
        { key: 'complexity', label: 'Complexity', width: 1.65 },
        { key: 'decision', label: 'Decision', width: 1.35 },
        { key: 'models', label: 'Models', width: 1.7 },
        { key: 'owner', label: 'Owner', width: 1.8 },
        { key: 'due', label: 'Due', width: 1.7 },
      ],
      rows: listed.map((o, i) => orderRow(i + 1, o, decisions[o.key], ctx)),
      empty:
        'Nothing to migrate: the inventory found no custom object and suggests no order, and nothing is decided.',
    },
  ]
}

/** Decisions whose object the latest inventory (or any inventory) does not list. */
function goneBlocks(
  objects: readonly InventoryObject[],
  ctx: ReportContext,
  scanned: boolean,
): Block[] {
  const found = new Set(objects.map((o) => o.key))
  const gone = Object.entries(ctx.document.inventory.decisions)
    .filter(([key]) => !found.has(key))
    .sort(([a], [b]) => a.localeCompare(b))
  if (gone.length === 0) return []
  return [
    {
      type: 'callout',
      tone: 'warn',
      spans: [
        t(
          scanned
            ? `${countText(gone.length, 'decision is', 'decisions are')} about objects the latest inventory no longer lists: renamed or dropped since they were decided. They are kept, and listed below.`
            : `${countText(gone.length, 'decision is', 'decisions are')} recorded, but no inventory is stored to find their objects in.`,
        ),
      ],
    },
    {
      type: 'table',
      caption: scanned
        ? 'Decisions about objects no longer found'
        : 'Decisions recorded, without an inventory',
      columns: [
        { key: 'object', label: 'Object', width: 3 },
        { key: 'decision', label: 'Decision', width: 2.2 },
        { key: 'owner', label: 'Owner', width: 1.6 },
        { key: 'due', label: 'Due', width: 1.6 },
        { key: 'decided', label: 'Decided', width: 2.4 },
      ],
      rows: gone.map(([key, d]) => [
        keyText(key),
        DECISION_LABELS[d.action],
        d.owner.trim() === '' ? null : said(d.owner, 200),
        d.due ? dayText(d.due, ctx) : null,
        `${d.decidedBy ? `${said(d.decidedBy, 200)}, ` : ''}${dayText(d.decidedAt, ctx)}`,
      ]),
      empty: 'Every decision’s object is in the latest inventory.',
    },
  ]
}

/**
 * The Plan section: what the inventory found and when, counts by decision, kind and origin, the
 * objects to migrate in order with owner and due date, decisions whose object is gone, the
 * CouchDB databases, and (for the CSV and JSON exports) every object with every column.
 */
export const planSection: SectionModule = {
  id: 'plan',
  title: 'Plan: inventory and decisions',
  build: (ctx) => {
    const inv = storedInventories(ctx.document.results)
    const decisions = ctx.document.inventory.decisions
    const objects = inv.couch2pg?.details.objects ?? []
    const blocks: Block[] = [
      { type: 'heading', text: 'The couch2pg database', anchor: 'plan-inventory' },
    ]
    if (inv.couch2pg) {
      const undecided = objects.filter(
        (o) => o.origin.origin === 'custom' && !decisions[o.key],
      ).length
      blocks.push(
        ...scanBlocks(inv.couch2pg, ctx),
        decisionCountTable(objects, decisions),
        {
          type: 'paragraph',
          spans: [
            undecided === 0
              ? toned('Every custom object has a decision.', 'good')
              : toned(
                  `${countText(undecided, 'custom object')} still need${undecided === 1 ? 's' : ''} a decision.`,
                  'warn',
                ),
          ],
        },
        kindOriginTable(objects),
        ...orderBlocks(inv.couch2pg, ctx),
      )
    } else {
      blocks.push({
        type: 'paragraph',
        spans: [t('The couch2pg database was not inventoried yet.', { muted: true })],
      })
    }
    blocks.push(
      ...goneBlocks(objects, ctx, inv.couch2pg !== null),
      inventoryCsvTable(objects, decisions),
    )
    if (inv.couchdb) blocks.push(...couchdbBlocks(inv.couchdb, ctx))
    const nothing = !inv.couch2pg && !inv.couchdb && Object.keys(decisions).length === 0
    return {
      intro:
        'What the couch2pg database holds, what was decided for each custom object (replace with base models, rebuild as a dbt model, or retire), who owns it and by when, and the order to migrate in.',
      blocks,
      empty: nothing
        ? 'No inventory is stored in the project: run the inventory on the Plan step (or `cht-migrate inventory`) to list the couch2pg database’s objects, then decide what happens to each custom one.'
        : null,
    }
  },
}
