import { z } from 'zod'
import { STEP_IDS } from '../steps'

const isoDate = z.iso.datetime({ offset: true })
const filePath = z.string().trim().min(1).max(4096).nullable()

/**
 * A CHT Watchdog Prometheus address: http(s), no user name or password in it (SEC-09).
 */
export const watchdogUrlSchema = z
  .string()
  .trim()
  .max(2000)
  .refine((u) => /^https?:\/\/[^/@\s]+(\/.*)?$/i.test(u), {
    message: 'Give an http(s) address without a user name or password in it',
  })
  .nullable()

/**
 * The sizing calculator's inputs where a value cannot be measured: the server's free disk and
 * memory, and the guide's growth assumptions (20% a year over 5 years by default).
 */
export const sizingInputsSchema = z.object({
  /** Free disk where the CHT Sync database will live, in GB; null until entered. */
  freeDiskGb: z.number().min(0).max(1_000_000).nullable(),
  /** The database server's memory, in GB; null until entered. */
  memoryGb: z.number().min(0).max(100_000).nullable(),
  /** Expected growth of the data per year, as a fraction (0.2 is 20%). */
  growthPerYear: z.number().min(0).max(10),
  years: z.number().int().min(0).max(30),
})
export type SizingInputs = z.infer<typeof sizingInputsSchema>

/** Who opened a step's gate although its checks or items did not allow it, and why. */
export const gateOverrideSchema = z.object({
  reason: z.string().trim().min(1).max(2000),
  by: z.string().trim().min(1).max(200),
  at: isoDate,
})
export type GateOverride = z.infer<typeof gateOverrideSchema>

/** A slow dashboard query the user gives, for EXPLAIN before and after the Optimize advice. */
export const explainQuerySchema = z.object({
  id: z.string().min(1).max(200),
  label: z.string().trim().min(1).max(200),
  /** One read-only statement (a SELECT or WITH … SELECT), as the dashboard runs it. */
  sql: z.string().trim().min(1).max(20_000),
})
export type ExplainQuery = z.infer<typeof explainQuerySchema>

/** Most dashboard queries kept for EXPLAIN. */
export const EXPLAIN_QUERY_LIMIT = 20

/**
 * What the checks read besides the connections, the calculator's inputs and the recorded gate
 * overrides. Paths are on this machine; no field holds a secret (SEC-09): the `.env` is read at
 * run time and its passwords are masked before anything is stored.
 */
export const checkSettingsSchema = z.object({
  /** CHT Sync's Docker `.env` file. */
  envPath: filePath,
  /** CHT Sync's Helm `values.yaml` file. */
  valuesPath: filePath,
  /** CHT Watchdog's Prometheus, e.g. `http://watchdog.example.org:9090`. */
  watchdogUrl: watchdogUrlSchema,
  sizing: sizingInputsSchema,
  gateOverrides: z.partialRecord(z.enum(STEP_IDS), gateOverrideSchema),
  /** The slowest dashboard queries, EXPLAINed on the CHT Sync database by the Optimize step. */
  explainQueries: z.array(explainQuerySchema).max(EXPLAIN_QUERY_LIMIT),
})
export type CheckSettings = z.infer<typeof checkSettingsSchema>

export const emptyCheckSettings = (): CheckSettings => ({
  envPath: null,
  valuesPath: null,
  watchdogUrl: null,
  sizing: { freeDiskGb: null, memoryGb: null, growthPerYear: 0.2, years: 5 },
  gateOverrides: {},
  explainQueries: [],
})
