import { clipText, TEXT_LIMITS } from '../../../shared/results/common'
import type { InventoryDetails } from '../../../shared/results/inventory-result'

const plural = (n: number, one: string, many = `${one}s`) =>
  `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`

/** One paragraph saying what the couch2pg inventory found, for the result's summary. */
export function inventorySummary(details: InventoryDetails, statementsNote: string | null): string {
  const objects = details.objects
  const custom = objects.filter((o) => o.origin.origin === 'custom').length
  const installed = objects.filter((o) => o.origin.origin === 'couch2pg').length
  const modified = objects.filter((o) => o.origin.modified).length
  const review = objects.filter((o) => o.analysis?.manualReview || o.analysis?.parseError).length
  const unreadable = objects.filter((o) => o.unreadable !== null).length
  const parts = [
    details.couch2pg.found
      ? `${plural(objects.length, 'object')}: ${installed.toLocaleString('en-US')} installed by couch2pg${details.couch2pg.release ? ` (release ${details.couch2pg.release})` : ''}, ${custom.toLocaleString('en-US')} added by the deployment.`
      : `${plural(objects.length, 'object')} found. ${details.couch2pg.note ?? ''}`,
    modified ? `${plural(modified, 'couch2pg object')} edited by hand.` : '',
    review ? `${plural(review, 'object')} to review by hand.` : '',
    unreadable ? `${plural(unreadable, 'object')} this user may not read.` : '',
    statementsNote ?? '',
  ]
  return clipText(parts.filter(Boolean).join(' '), TEXT_LIMITS.paragraph)
}
