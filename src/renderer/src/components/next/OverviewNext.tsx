/** What to do next, at the top of the overview. Seam for issue 13: the lead fills it in. */
export function OverviewNext() {
  return null
}
