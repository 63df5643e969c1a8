import type { TeardownGateId } from './gate-types'

/**
 * The Teardown checklist items whose evidence is one or more of the teardown gates: the page
 * shows those gates' standing on the item, and a report can do the same.
 */
export const GATES_OF_ITEM: Readonly<Record<string, readonly TeardownGateId[]>> = {
  'teardown.sustained-parity': ['decisions', 'parity-days', 'monitoring'],
  'teardown.repoint-dashboards': ['dashboards'],
  'teardown.backup': ['backup'],
  'teardown.drop-database': ['no-reads'],
}
