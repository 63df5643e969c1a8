import { hashUnit, labelCode } from './prng'
import type { DocCategory } from './types'

/** How many revisions a document has and whether its last one deletes it. */
export interface DocFate {
  /** Revisions in all, the deleting one included (1 = written once). */
  revisions: number
  deleted: boolean
}

interface FatePolicy {
  /** Chance of having more than one revision. */
  edited: number
  /** The most revisions an edited document gets. */
  maxRevisions: number
  /** Chance that the document was deleted (its last revision is a tombstone). */
  deleted: number
}

// Tasks and targets are rewritten by the app as they progress; reports and contacts are edited
// now and then and sometimes deleted; telemetry and feedback are written once.
const POLICIES: Record<DocCategory, FatePolicy> = {
  design: { edited: 1, maxRevisions: 3, deleted: 0 },
  settings: { edited: 1, maxRevisions: 7, deleted: 0 },
  form: { edited: 0.5, maxRevisions: 3, deleted: 0 },
  place: { edited: 0.2, maxRevisions: 3, deleted: 0.004 },
  person: { edited: 0.25, maxRevisions: 3, deleted: 0.012 },
  'user-settings': { edited: 0.5, maxRevisions: 3, deleted: 0 },
  user: { edited: 0.3, maxRevisions: 3, deleted: 0 },
  report: { edited: 0.1, maxRevisions: 3, deleted: 0.015 },
  info: { edited: 0.3, maxRevisions: 3, deleted: 0 },
  task: { edited: 0.6, maxRevisions: 4, deleted: 0 },
  target: { edited: 0.8, maxRevisions: 6, deleted: 0 },
  telemetry: { edited: 0, maxRevisions: 1, deleted: 0 },
  feedback: { edited: 0, maxRevisions: 1, deleted: 0 },
  // CHT 4 rewrites a user's connected-user log at most every 30 minutes they are online.
  log: { edited: 0.9, maxRevisions: 8, deleted: 0 },
}

/**
 * The fate of the `ordinal`-th document of a category: a pure function of the seed, so the
 * generator and the planner of injected differences agree without sharing state, and the
 * planner can look ahead without generating anything.
 */
export function docFate(seed: number, category: DocCategory, ordinal: number): DocFate {
  const policy = POLICIES[category]
  const code = labelCode(category)
  const deleted = policy.deleted > 0 && hashUnit(seed, code, ordinal, 1) < policy.deleted
  const edited = hashUnit(seed, code, ordinal, 2) < policy.edited
  const extra = edited
    ? 1 + Math.floor(hashUnit(seed, code, ordinal, 3) * (policy.maxRevisions - 1))
    : 0
  // A deleted document was live first: at least one revision before the tombstone.
  return { revisions: 1 + extra + (deleted ? 1 : 0), deleted }
}
