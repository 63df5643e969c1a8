/**
 * Commands and SQL to copy for one checklist item, shown in the item's details. Seam for
 * issue 13: the commands helper fills it in.
 */
export function ItemCommands(_props: { itemId: string }) {
  return null
}
