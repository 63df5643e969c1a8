import { z } from 'zod'

/**
 * A file path as operations take it: not empty, at most 4096 characters, and without NUL
 * characters, which no file system allows in a name (Node would refuse them with a message
 * about its own arguments, not the person's file).
 */
export const pathSchema = z
  .string()
  .min(1)
  .max(4096)
  .refine((p) => !p.includes('\u0000'), {
    message: 'A file path cannot contain a NUL character; type or paste the path again',
  })
