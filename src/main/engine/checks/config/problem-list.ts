import type { ConfigProblem } from './config-types'

/** Most line problems listed per file; the rest are counted in one closing line. */
export const MAX_LINE_PROBLEMS = 50

/** Longest problem message kept, in characters. */
const MAX_MESSAGE = 300

const clip = (text: string) =>
  text.length > MAX_MESSAGE ? `${text.slice(0, MAX_MESSAGE - 1)}…` : text

/**
 * The problems found while reading a configuration file, bounded.
 *
 * Problems about the whole file (a byte-order mark, binary bytes) always come first and are
 * always kept; problems about single lines are kept up to `MAX_LINE_PROBLEMS`, then counted, so a
 * file of a million unreadable lines gives 51 messages, not a million.
 */
export class ProblemList {
  private readonly fileLevel: ConfigProblem[] = []
  private readonly lines: ConfigProblem[] = []
  private dropped = 0

  /** A problem about the file as a whole; kept whatever the count. */
  addFileProblem(line: number | null, message: string): void {
    this.fileLevel.push({ line, message: clip(message) })
  }

  /** A problem about one line (or one value); counted once the list is full. */
  add(line: number | null, message: string): void {
    if (this.lines.length < MAX_LINE_PROBLEMS) this.lines.push({ line, message: clip(message) })
    else this.dropped += 1
  }

  /** Every problem kept (line problems by line), with "…and N more" when some were only counted. */
  list(): ConfigProblem[] {
    const byLine = [...this.lines].sort((a, b) => (a.line ?? 0) - (b.line ?? 0))
    const all = [...this.fileLevel, ...byLine]
    if (this.dropped > 0) {
      all.push({
        line: null,
        message: `…and ${this.dropped.toLocaleString('en')} more ${this.dropped === 1 ? 'problem' : 'problems'} not listed.`,
      })
    }
    return all
  }
}
