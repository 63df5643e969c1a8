import AxeBuilder from '@axe-core/playwright'
import { expect, type Page } from '@playwright/test'

/** Runs axe on the page as it is and fails with a readable list of violations. */
export async function expectNoViolations(page: Page, where: string): Promise<void> {
  const results = await new AxeBuilder({ page }).analyze()
  const found = results.violations.map(
    (v) =>
      `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`,
  )
  expect(found, `axe violations on ${where}`).toEqual([])
  // axe really looked at something: the page's landmarks and controls.
  expect(results.passes.length, `axe checks that passed on ${where}`).toBeGreaterThan(10)
}
