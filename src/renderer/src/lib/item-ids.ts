import { itemHeadingId } from './check-view'

/**
 * The DOM ids of a checklist item's parts: its heading (the target of links to it), the
 * disclosure button in that heading, and its details inline; and the side column that shows
 * the opened item's details on wide screens.
 */
export { itemHeadingId }

export const itemToggleId = (itemId: string): string => `${itemHeadingId(itemId)}-toggle`

export const itemDetailsId = (itemId: string): string => `${itemHeadingId(itemId)}-details`

export const ITEM_SIDE_ID = 'item-side'
