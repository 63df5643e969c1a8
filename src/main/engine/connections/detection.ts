import type { ConnectionFact } from '../../../shared/connections'

export type Scalar = string | number | boolean | null

/**
 * What a probe found on a server that answered: its version, facts for people and the same for
 * machines (`detected`, stored as the result's measurements).
 */
export interface Detection {
  serverVersion: string | null
  found: ConnectionFact[]
  detected: Record<string, Scalar>
}

export { WARNING_LABEL } from '../../../shared/connection-targets'

export const fact = (label: string, value: string): ConnectionFact => ({ label, value })

/** `20,431` — counts are shown with thousands separators, the same on every machine. */
export const count = (n: number): string => Math.round(n).toLocaleString('en-US')

/** `1 document` / `20,431 documents`. */
export const plural = (n: number, one: string, many = `${one}s`): string =>
  `${count(n)} ${n === 1 ? one : many}`

/** `2025-06-01 12:05 UTC`: a time in facts, the same wherever the project is read. */
export const utcMinute = (iso: string): string =>
  Number.isNaN(Date.parse(iso))
    ? iso
    : `${new Date(iso).toISOString().slice(0, 16).replace('T', ' ')} UTC`
