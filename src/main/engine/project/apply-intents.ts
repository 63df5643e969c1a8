import { randomUUID } from 'node:crypto'
import type { Intent } from '../../../shared/intents'
import {
  connectionsSchema,
  emptyItemState,
  itemStateSchema,
  projectDocumentSchema,
  projectSettingsSchema,
  type ItemState,
  type ProjectDocument,
} from '../../../shared/project-schema'
import { checkSettingsSchema } from '../../../shared/checks/check-settings'
import { failingChecksOfItem } from '../../../shared/checks/gate'
import { paritySettingsSchema } from '../../../shared/parity-definitions'
import { inventorySettingsSchema } from '../../../shared/inventory/decisions'
import { clearDecisions, decideObjects } from '../inventory/apply-decisions'
import { applyTeardownIntent } from '../teardown/apply-teardown'
import { teardownGates } from '../../../shared/teardown/gates'
import { teardownSettingsSchema } from '../../../shared/teardown/teardown-settings'
import { findItem } from '../../../shared/steps-catalog'
import { redactSecrets } from '../../../shared/redact'
import { signoffSettingsSchema } from '../../../shared/signoff'
import { addSignoff } from './apply-signoff'
import { AppError } from '../../../shared/result'

export interface ApplyContext {
  who: string
  now: Date
  isKnownItem: (itemId: string) => boolean
  newId?: () => string
}

/**
 * Applies a batch of intents to a project document, all or nothing.
 *
 * Returns a new document and leaves the given one as it was: the items map is copied and each
 * touched item is copied before it changes, so a failure half-way (an unknown item, missing
 * evidence, a field over its limit) throws with nothing changed. Item ids must be in the step
 * catalog (`BAD_REQUEST`); removing evidence that is not there is `NOT_FOUND`. Every changed item
 * is stamped with `who` and `now`, and the document's `updatedAt` moves to `now`. Credentials
 * pasted into notes and text evidence are masked on the way in (SEC-09).
 */
export function applyIntents(
  doc: ProjectDocument,
  intents: readonly Intent[],
  ctx: ApplyContext,
): ProjectDocument {
  const at = ctx.now.toISOString()
  const newId = ctx.newId ?? randomUUID
  const items: Record<string, ItemState> = { ...doc.items }
  const touched = new Set<string>()
  let name = doc.name
  let settings = doc.settings
  let connections = doc.connections
  let parity = doc.parity
  let checks = doc.checks
  let inventory = doc.inventory
  let teardown = doc.teardown
  let signoff = doc.signoff
  const upsert = <T extends { id: string }>(list: readonly T[], entry: T): T[] => {
    const index = list.findIndex((e) => e.id === entry.id)
    return index < 0 ? [...list, entry] : list.map((e, i) => (i === index ? entry : e))
  }
  const without = <T extends { id: string }>(list: readonly T[], id: string, what: string): T[] => {
    if (!list.some((e) => e.id === id)) {
      throw new AppError('NOT_FOUND', `There is no ${what} “${id}”; nothing was changed.`, { id })
    }
    return list.filter((e) => e.id !== id)
  }

  const itemFor = (itemId: string): ItemState => {
    if (!ctx.isKnownItem(itemId)) {
      throw new AppError(
        'BAD_REQUEST',
        `“${itemId}” is not an item of the checklist; nothing was changed.`,
        { itemId },
      )
    }
    if (!touched.has(itemId)) {
      const current = items[itemId] ?? emptyItemState()
      items[itemId] = { ...current, evidence: [...current.evidence] }
      touched.add(itemId)
    }
    const item = items[itemId] as ItemState
    item.updatedBy = ctx.who
    item.updatedAt = at
    return item
  }

  // An item whose own checks failed is done only once its step's gate was overridden.
  const refuseFailingDone = (itemId: string) => {
    const failing = failingChecksOfItem(doc.results, itemId)
    const stepId = findItem(itemId)?.step.id
    if (failing.length === 0 || (stepId && checks.gateOverrides[stepId])) return
    throw new AppError(
      'BAD_REQUEST',
      `“${failing[0]!.title}” failed on its last run, so this item cannot be marked done yet: fix what it reports and run it again, or override the step's gate with a reason. Nothing was changed.`,
      { itemId, checkId: failing[0]!.id },
    )
  }

  for (const intent of intents) {
    switch (intent.type) {
      case 'item.set': {
        const item = itemFor(intent.itemId)
        if (intent.status === 'done' && item.status !== 'done') refuseFailingDone(intent.itemId)
        if (intent.status !== undefined) item.status = intent.status
        // SEC-09: a password pasted into a note is masked before it reaches the file.
        if (intent.note !== undefined) item.note = redactSecrets(intent.note)
        break
      }
      case 'item.addEvidence': {
        const item = itemFor(intent.itemId)
        const base = { id: newId(), addedBy: ctx.who, addedAt: at }
        const evidence = intent.evidence
        item.evidence.push(
          evidence.kind === 'text'
            ? { ...base, kind: 'text', text: redactSecrets(evidence.text) }
            : {
                ...base,
                kind: 'file',
                path: evidence.path,
                ...(evidence.label !== undefined ? { label: evidence.label } : {}),
              },
        )
        break
      }
      case 'item.removeEvidence': {
        const item = itemFor(intent.itemId)
        const index = item.evidence.findIndex((e) => e.id === intent.evidenceId)
        if (index < 0) {
          throw new AppError(
            'NOT_FOUND',
            `That piece of evidence is no longer on “${intent.itemId}” (it may have been removed already); nothing was changed.`,
            { itemId: intent.itemId, evidenceId: intent.evidenceId },
          )
        }
        item.evidence.splice(index, 1)
        break
      }
      case 'project.rename':
        name = intent.name
        break
      case 'settings.set':
        settings = { ...settings, ...intent.settings }
        break
      case 'connection.setCouchdb':
        connections = { ...connections, couchdb: intent.profile }
        break
      case 'connection.setCouch2pg':
        connections = { ...connections, couch2pg: intent.profile }
        break
      case 'connection.setChtSync':
        connections = { ...connections, chtSync: intent.profile }
        break
      case 'parity.setMetric':
        parity = { ...parity, metrics: upsert(parity.metrics, intent.metric) }
        break
      case 'parity.removeMetric':
        parity = { ...parity, metrics: without(parity.metrics, intent.id, 'dashboard metric') }
        break
      case 'parity.setModel':
        parity = { ...parity, models: upsert(parity.models, intent.model) }
        break
      case 'parity.removeModel':
        parity = { ...parity, models: without(parity.models, intent.id, 'model comparison') }
        break
      case 'parity.setGreenDays':
        parity = { ...parity, greenDaysRequired: intent.days }
        break
      case 'checks.setSources':
        checks = {
          ...checks,
          // One configuration is read: choosing a file clears the other kind's.
          ...(intent.envPath ? { valuesPath: null } : {}),
          ...(intent.valuesPath ? { envPath: null } : {}),
          ...(intent.envPath === undefined ? {} : { envPath: intent.envPath }),
          ...(intent.valuesPath === undefined ? {} : { valuesPath: intent.valuesPath }),
          ...(intent.watchdogUrl === undefined ? {} : { watchdogUrl: intent.watchdogUrl }),
        }
        break
      case 'checks.setSizing':
        checks = { ...checks, sizing: { ...checks.sizing, ...intent.sizing } }
        break
      case 'gate.override':
        checks = {
          ...checks,
          gateOverrides: {
            ...checks.gateOverrides,
            [intent.stepId]: { reason: redactSecrets(intent.reason), by: intent.by ?? ctx.who, at },
          },
        }
        break
      case 'inventory.decide':
        inventory = decideObjects(inventory, intent.keys, intent.decision, ctx.who, at)
        break
      case 'inventory.clearDecision':
        inventory = clearDecisions(inventory, intent.keys)
        break
      case 'teardown.set':
      case 'teardown.setDashboard':
      case 'teardown.removeDashboard':
        teardown = applyTeardownIntent(teardown, intent, { who: ctx.who, at, newId })
        break
      case 'teardown.override': {
        const now = { ...doc, items, parity, checks, inventory, teardown }
        const unmet = teardownGates(now, ctx.now).filter((g) => g.state !== 'met')
        teardown = {
          ...teardown,
          override: {
            reason: redactSecrets(intent.reason),
            by: intent.by ?? ctx.who,
            at,
            gates: unmet.map((g) => g.id),
          },
        }
        break
      }
      case 'teardown.clearOverride':
        teardown = { ...teardown, override: null }
        break
      case 'checks.setExplainQuery': {
        const query = { id: intent.id ?? newId(), label: intent.label, sql: intent.sql }
        if (intent.id !== undefined && !checks.explainQueries.some((q) => q.id === intent.id)) {
          throw new AppError(
            'NOT_FOUND',
            `There is no dashboard query “${intent.id}”; nothing was changed.`,
            { id: intent.id },
          )
        }
        checks = { ...checks, explainQueries: upsert(checks.explainQueries, query) }
        break
      }
      case 'checks.removeExplainQuery':
        checks = {
          ...checks,
          explainQueries: without(checks.explainQueries, intent.id, 'dashboard query'),
        }
        break
      case 'signoff.add':
        signoff = addSignoff(signoff, intent.stepId, intent.signoff, {
          id: newId(),
          who: ctx.who,
          at,
        })
        break
      case 'signoff.remove':
        signoff = {
          ...signoff,
          [intent.stepId]: without(signoff[intent.stepId] ?? [], intent.id, 'sign-off'),
        }
        break
      case 'gate.clearOverride': {
        const { [intent.stepId]: _cleared, ...rest } = checks.gateOverrides
        checks = { ...checks, gateOverrides: rest }
        break
      }
    }
  }

  for (const itemId of touched) {
    check(itemStateSchema, items[itemId], `items.${itemId}`)
  }
  check(projectDocumentSchema.shape.name, name, 'name')
  check(projectSettingsSchema, settings, 'settings')
  check(connectionsSchema, connections, 'connections')
  check(paritySettingsSchema, parity, 'parity')
  check(checkSettingsSchema, checks, 'checks')
  if (inventory !== doc.inventory) check(inventorySettingsSchema, inventory, 'inventory')
  if (teardown !== doc.teardown) check(teardownSettingsSchema, teardown, 'teardown')
  if (signoff !== doc.signoff) check(signoffSettingsSchema, signoff, 'signoff')
  return {
    ...doc,
    name,
    settings,
    items,
    connections,
    parity,
    checks,
    inventory,
    teardown,
    signoff,
    updatedAt: at,
  }
}

// Only the parts a batch can touch are validated: the whole document can be megabytes.
function check(schema: { safeParse(value: unknown): SafeResult }, value: unknown, where: string) {
  const result = schema.safeParse(value)
  if (result.success) return
  const issue = result.error.issues[0]
  const field = [where, ...(issue?.path ?? []).map(String)].join('.')
  throw new AppError(
    'BAD_REQUEST',
    `The change was refused: ${field}: ${issue?.message ?? 'not valid'}. Nothing was changed.`,
    { field },
  )
}

type SafeResult =
  | { success: true }
  | { success: false; error: { issues: { path: PropertyKey[]; message: string }[] } }
