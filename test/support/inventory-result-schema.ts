import { storedResultSchema } from '../../src/shared/results/result-schema'

/** A run's result as the store checks it (no history yet). */
export const inventoryResultSchema = storedResultSchema.omit({ history: true })
