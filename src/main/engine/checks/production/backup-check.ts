import { findCheck } from '../../../../shared/checks/check-catalog'
import type { EvidenceItem } from '../../../../shared/results/check-result'
import type { CheckContext, CheckOutcome } from '../check-types'
import { examineDump, type DumpFile } from './dump-file'

/** The checklist items whose file evidence may be the backup. */
export const BACKUP_ITEMS = ['teardown.backup', 'production.parallel-run'] as const
/** A dump older than this is no longer a backup of what production holds. */
const FRESH_DAYS = 30
/** At most this many recorded files are examined. */
const MAX_FILES = 10
/** Hashing stops this long before the check's own time limit, so the check reports in time. */
const HASH_BUDGET_MS = Math.max(
  1_000,
  (findCheck('production.backup')?.timeoutMs ?? 30_000) - 5_000,
)
const DAY_MS = 24 * 60 * 60 * 1000

const DUMP_COMMAND =
  'pg_dump -Fc -f couch2pg-$(date +%F).dump <couch2pg database>, then record the file as evidence on “Back up the old database”'

const KIND_WORDS: Record<DumpFile['kind'], string> = {
  custom: 'pg_dump custom format',
  directory: 'pg_dump directory format',
  plain: 'pg_dump plain SQL',
  compressed: 'compressed file (contents not verifiable)',
  not_a_dump: 'not a PostgreSQL dump',
  missing: 'missing',
  unreadable: 'unreadable',
}

/** The file paths recorded as evidence on the backup items, each once, in order. */
function recordedFiles(ctx: CheckContext): string[] {
  const paths: string[] = []
  for (const itemId of BACKUP_ITEMS) {
    for (const e of ctx.document.items[itemId]?.evidence ?? []) {
      if (e.kind === 'file' && !paths.includes(e.path)) paths.push(e.path)
    }
  }
  return paths.slice(0, MAX_FILES)
}

const isDump = (f: DumpFile) => f.kind === 'custom' || f.kind === 'directory' || f.kind === 'plain'

/** The run of `production.backup`. */
export async function runBackupCheck(ctx: CheckContext): Promise<CheckOutcome> {
  const paths = recordedFiles(ctx)
  if (paths.length === 0) {
    return {
      verdict: 'warn',
      summary: 'No backup of the couch2pg database is recorded on “Back up the old database”.',
      remedy: { text: `Run ${DUMP_COMMAND}.` },
    }
  }
  const deadline = Date.now() + HASH_BUDGET_MS
  const files: DumpFile[] = []
  for (const path of paths) files.push(await examineDump(path, deadline, ctx.signal))
  const now = ctx.now().getTime()
  const ageDays = (f: DumpFile) =>
    f.modified === null ? null : Math.floor((now - f.modified.getTime()) / DAY_MS)
  const evidence: EvidenceItem[] = [
    {
      type: 'table',
      caption: 'Recorded backup files',
      columns: ['file', 'kind', 'bytes', 'modified', 'age (days)', 'sha256', 'note'],
      rows: files.map((f) => [
        f.path,
        KIND_WORDS[f.kind],
        f.bytes,
        f.modified?.toISOString() ?? null,
        ageDays(f),
        f.sha256,
        f.note,
      ]),
    },
  ]
  const bad = files.filter((f) => !isDump(f) && f.kind !== 'compressed')
  if (bad.length > 0) {
    return {
      verdict: 'fail',
      summary: `A recorded backup is not a usable dump: ${bad.map((f) => `${f.path} (${KIND_WORDS[f.kind]})`).join('; ')}.`,
      evidence,
      remedy: {
        text: `Record the dump itself, where it is now; if it is gone, take a new one: ${DUMP_COMMAND}.`,
      },
    }
  }
  const dumps = files.filter(isDump)
  const fresh = dumps.filter((f) => {
    const age = ageDays(f)
    return age !== null && age <= FRESH_DAYS
  })
  if (fresh.length > 0) {
    const newest = fresh.reduce((a, b) => ((a.modified ?? 0) > (b.modified ?? 0) ? a : b))
    return {
      verdict: 'pass',
      summary: `${newest.path} is a ${KIND_WORDS[newest.kind]} dump of ${newest.bytes ?? '?'} bytes, ${ageDays(newest)} day(s) old${newest.sha256 ? '; its SHA-256 is recorded' : ''}.`,
      evidence,
    }
  }
  if (dumps.length > 0) {
    return {
      verdict: 'warn',
      summary: `The recorded dumps are older than ${FRESH_DAYS} days: they miss what couch2pg has written since.`,
      evidence,
      remedy: { text: `Take a fresh dump before changing production: ${DUMP_COMMAND}.` },
    }
  }
  return {
    verdict: 'warn',
    summary:
      'The recorded backup is compressed, so the wizard cannot tell whether it is a PostgreSQL dump.',
    evidence,
    remedy: {
      text: `Use pg_dump’s custom format, which is compressed and can be verified (and restored table by table): ${DUMP_COMMAND}.`,
    },
  }
}
