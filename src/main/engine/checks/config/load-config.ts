import { AppError } from '../../../../shared/result'
import { BoundedReadError, megabytes, readBoundedRegularFile } from '../../fs/bounded-read'
import type { ChtSyncConfig } from './config-types'
import { parseEnvFile } from './env-file'
import { parseValuesFile } from './values-file'

/** Most bytes read from a configuration file; a real one is a few kilobytes. */
export const MAX_CONFIG_BYTES = 16 * 1024 * 1024

/** Where the project says CHT Sync's configuration is (the Set up step's choices). */
export interface ConfigSources {
  envPath: string | null
  valuesPath: string | null
}

const UTF16_LE = [0xff, 0xfe]
const UTF16_BE = [0xfe, 0xff]
const startsWith = (bytes: Buffer, prefix: number[]) => prefix.every((b, i) => bytes[i] === b)

/** A configuration file's text, and whether it was saved as UTF-16 (read as UTF-8 all the same). */
interface ConfigText {
  text: string
  utf16: boolean
}

/**
 * Reads a configuration file bounded; a file over the limit is refused with a message that says
 * what to do (a configuration file that big is the wrong file).
 */
async function readConfigFile(path: string, label: string): Promise<ConfigText> {
  let bytes: Buffer
  try {
    bytes = await readBoundedRegularFile(path, MAX_CONFIG_BYTES, { label })
  } catch (e) {
    if (e instanceof BoundedReadError && e.reason === 'too-large') {
      const size = typeof e.details?.bytes === 'number' ? megabytes(e.details.bytes) : 'too big'
      throw new AppError(
        'BAD_REQUEST',
        `${label} “${path}” is ${size}, far more than a configuration file holds (at most ${megabytes(MAX_CONFIG_BYTES)} is read). Check that the Set up step names the file itself.`,
        { path, limit: MAX_CONFIG_BYTES },
      )
    }
    throw e
  }
  // Not fatal: bytes that are not UTF-8 become U+FFFD and the readers report them as problems.
  // The byte-order mark is kept so the .env reader can say it is there.
  const text = new TextDecoder('utf-8', { fatal: false, ignoreBOM: true }).decode(bytes)
  return { text, utf16: startsWith(bytes, UTF16_LE) || startsWith(bytes, UTF16_BE) }
}

/** Parses the text, putting a UTF-16 finding first among the problems. */
function parseText(file: ConfigText, parse: (text: string) => ChtSyncConfig): ChtSyncConfig {
  const config = parse(file.text)
  if (file.utf16) {
    config.problems.unshift({
      line: 1,
      message:
        'The file is saved as UTF-16 (as PowerShell’s > writes it): Docker Compose and Helm need UTF-8. Save it again as UTF-8.',
    })
  }
  return config
}

/**
 * Reads and parses CHT Sync's configuration: the Docker `.env` when one is chosen, else the Helm
 * `values.yaml`, else null.
 *
 * At most 16 MB is read (a bigger file is a `BAD_REQUEST` naming it); a missing or unreadable file
 * is the `AppError` of `readBoundedRegularFile`, labelled "CHT Sync's .env file" or "CHT Sync's
 * values.yaml". The text is decoded as UTF-8 without failing, so a binary file still gives a
 * configuration, full of problems.
 */
export async function loadChtSyncConfig(sources: ConfigSources): Promise<ChtSyncConfig | null> {
  if (sources.envPath) {
    const path = sources.envPath
    const file = await readConfigFile(path, "CHT Sync's .env file")
    return parseText(file, (text) => parseEnvFile(text, path))
  }
  if (sources.valuesPath) {
    const path = sources.valuesPath
    const file = await readConfigFile(path, "CHT Sync's values.yaml")
    return parseText(file, (text) => parseValuesFile(text, path))
  }
  return null
}
