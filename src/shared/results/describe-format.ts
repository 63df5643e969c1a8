import { seqPrefix } from './progress-source'

/**
 * Number, time and sequence formats of the sentences made from results, the same on every
 * machine (the renderer, the Markdown export, the CLI).
 */

/** `20,431`: counts are shown with thousands separators, the same on every machine. */
export const count = (n: number): string => Math.round(n).toLocaleString('en-US')

/** `1 document` / `20,431 documents`. */
export const plural = (n: number, one: string, many = `${one}s`): string =>
  `${count(n)} ${n === 1 ? one : many}`

/** `2025-06-01 12:05 UTC`: a time in facts, the same wherever the project is read. */
export const utcMinute = (iso: string): string =>
  Number.isNaN(Date.parse(iso))
    ? iso
    : `${new Date(iso).toISOString().slice(0, 16).replace('T', ' ')} UTC`

/**
 * `seq 4711`: a CouchDB sequence by its numeric prefix, for reading only (sequences are opaque);
 * `seq g1AA…` (clipped) when it has none, `no seq` when the row holds none.
 */
export function seqLabel(seq: string | null): string {
  if (seq === null) return 'no seq'
  const prefix = seqPrefix(seq)
  if (prefix !== null) return `seq ${prefix}`
  return `seq ${seq.length > 12 ? `${seq.slice(0, 11)}…` : seq}`
}
