/** The version a PostgreSQL client tool reports. */
export interface ToolVersion {
  /** As printed: `15.10`, `16beta2`, `9.6.24`. */
  version: string
  /** The major release: 15 for 15.10, 16 for 16beta2, 9 for 9.6.24 (as `server_version_num / 10000`). */
  major: number
}

// `pg_dump (PostgreSQL) 15.10 (Debian 15.10-0+deb12u1)`, `pg_restore (PostgreSQL) 16beta2`,
// `pg_dump (EnterpriseDB) 16.2`: the program, a distribution name in parentheses, the version.
const VERSION_LINE =
  /^\s*\S+\s+\([^)]*\)\s+(\d+)((?:\.\d+){0,2})((?:alpha|beta|rc|devel)\d*)?(?=\s|$)/

/**
 * Reads the version from the output of `pg_dump --version` or `pg_restore --version`; null when
 * the output is not a PostgreSQL tool's (another program of that name, or garbage).
 */
export function parseToolVersion(output: string): ToolVersion | null {
  const firstLine = output.split(/\r?\n/, 1)[0] ?? ''
  const match = VERSION_LINE.exec(firstLine)
  if (!match) return null
  const major = Number(match[1])
  if (!Number.isSafeInteger(major) || major < 1) return null
  return { version: `${match[1]}${match[2] ?? ''}${match[3] ?? ''}`, major }
}
