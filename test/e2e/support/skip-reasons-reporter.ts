import type { Reporter, TestCase, TestResult } from '@playwright/test/reporter'

/**
 * Prints every skipped test with its reason at the end of the run.
 *
 * The list reporter shows a skipped test only as "-"; a skip must say why (for example the
 * Electron smoke test where no Electron binary can be downloaded), so the reason is printed.
 */
export default class SkipReasonsReporter implements Reporter {
  private readonly skipped: string[] = []

  onTestEnd(test: TestCase, result: TestResult): void {
    if (result.status !== 'skipped') return
    const reason = test.annotations.find((a) => a.type === 'skip')?.description ?? 'no reason given'
    this.skipped.push(
      `  skipped: ${test.titlePath().filter(Boolean).join(' › ')}\n    reason: ${reason}`,
    )
  }

  onEnd(): void {
    if (this.skipped.length === 0) return
    console.log(`\nSkipped tests and why:\n${this.skipped.join('\n')}\n`)
  }

  printsToStdio(): boolean {
    return true
  }
}
