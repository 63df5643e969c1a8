import type { ProjectDocument } from '../project-schema'

/**
 * A block of text an implementer copies into a terminal, a file, psql or pgAdmin, generated from
 * the project's own connections and facts. Nothing in it is ever a secret (SEC-09): passwords are
 * placeholders, and the block's comment says where to put them.
 */

/**
 * How the text is meant to be read: a shell command, `.env` lines, SQL, YAML, or plain text to
 * enter in a form (Grafana's alert rules).
 */
export const COMMAND_LANGUAGES = ['shell', 'env', 'sql', 'yaml', 'text'] as const
export type CommandLanguage = (typeof COMMAND_LANGUAGES)[number]

/** One block to copy. */
export interface CommandBlock {
  /** Stable within an item, for keys and test ids (`cht-sync-env`). */
  id: string
  title: string
  language: CommandLanguage
  /** One or two sentences: what the text does and where to run or paste it. */
  purpose: string
  text: string
  /**
   * What the project lacks for a complete block (no CouchDB connection yet …), one sentence
   * each; the text then carries a placeholder or leaves the part out, and never invents a value.
   */
  missing: string[]
}

/** What the generators read of the project: its connections, stored facts and check settings. */
export type CommandSource = Pick<ProjectDocument, 'connections' | 'results' | 'checks'>

/** The placeholder written where a password goes: it is never filled in by the wizard. */
export const PASSWORD_PLACEHOLDER = '<set this>'
