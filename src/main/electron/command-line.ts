import { isAbsolute, resolve } from 'node:path'
import { PROJECT_FILE_EXTENSION } from '../../shared/project-schema'

/**
 * Finds the project file named on a command line: the last argument ending in `.chtmig.json`
 * that is not a switch, resolved against the directory the command ran in. Returns null when
 * there is none.
 *
 * Used for the first launch (`process.argv`), a second launch handed over by the single-instance
 * lock, and file-manager opens; the path is then opened like any other (SEC-10 allows paths given
 * explicitly as arguments).
 */
export function projectPathFromArgs(argv: readonly string[], cwd: string): string | null {
  const candidates = argv.filter(
    (arg) => !arg.startsWith('-') && arg.toLowerCase().endsWith(PROJECT_FILE_EXTENSION),
  )
  const last = candidates.at(-1)
  if (last === undefined) return null
  return isAbsolute(last) ? last : resolve(cwd, last)
}
