import { open, stat } from 'node:fs/promises'
import type { SslFiles } from '../../../shared/project-schema'
import { SslFileError } from './errors'

/** A CA bundle, certificate or key is a few kilobytes; anything larger is not one. */
export const MAX_SSL_FILE_BYTES = 256 * 1024

/** The contents of a profile's TLS files, as pg's `ssl` options take them. */
export interface SslMaterial {
  ca?: Buffer
  cert?: Buffer
  key?: Buffer
}

const ROLES = { ca: 'CA certificate', cert: 'client certificate', key: 'client key' } as const

/**
 * Reads one TLS file named in a profile: a regular file of at most `MAX_SSL_FILE_BYTES`, never
 * more read than that (a path to a device or a huge file is refused, not streamed). Throws
 * `SslFileError` with a sentence naming the file and the problem.
 */
export async function readSslFile(path: string, role: keyof typeof ROLES): Promise<Buffer> {
  const what = `The ${ROLES[role]} file “${path}”`
  let handle
  try {
    // Checked before opening too: opening a FIFO for reading would wait for a writer.
    if (!(await stat(path)).isFile()) throw new SslFileError(`${what} is not a regular file.`)
    handle = await open(path, 'r')
  } catch (e) {
    if (e instanceof SslFileError) throw e
    throw new SslFileError(`${what} could not be opened (${reason(e)}).`)
  }
  try {
    const stat = await handle.stat()
    if (!stat.isFile()) throw new SslFileError(`${what} is not a regular file.`)
    if (stat.size > MAX_SSL_FILE_BYTES) {
      throw new SslFileError(
        `${what} is ${Math.ceil(stat.size / 1024)} KB; a certificate or key file is at most ${MAX_SSL_FILE_BYTES / 1024} KB.`,
      )
    }
    // Read one byte past the limit: a file that grew after stat is still caught.
    const buffer = Buffer.alloc(MAX_SSL_FILE_BYTES + 1)
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0)
    if (bytesRead > MAX_SSL_FILE_BYTES) {
      throw new SslFileError(`${what} is larger than ${MAX_SSL_FILE_BYTES / 1024} KB.`)
    }
    if (bytesRead === 0) throw new SslFileError(`${what} is empty.`)
    return buffer.subarray(0, bytesRead)
  } catch (e) {
    if (e instanceof SslFileError) throw e
    throw new SslFileError(`${what} could not be read (${reason(e)}).`)
  } finally {
    await handle.close()
  }
}

/**
 * Reads the TLS files of a profile (libpq's `sslrootcert`, `sslcert`, `sslkey`). A certificate
 * needs its key and the other way round, as libpq requires.
 */
export async function loadSslFiles(files: SslFiles | undefined): Promise<SslMaterial> {
  if (!files) return {}
  if ((files.cert === null) !== (files.key === null)) {
    throw new SslFileError(
      files.cert === null
        ? 'A client key is set without its client certificate; set both, or neither.'
        : 'A client certificate is set without its client key; set both, or neither.',
    )
  }
  const material: SslMaterial = {}
  if (files.ca !== null) material.ca = await readSslFile(files.ca, 'ca')
  if (files.cert !== null) material.cert = await readSslFile(files.cert, 'cert')
  if (files.key !== null) material.key = await readSslFile(files.key, 'key')
  return material
}

function reason(e: unknown): string {
  const code = (e as { code?: unknown }).code
  if (code === 'ENOENT') return 'no such file'
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied'
  if (code === 'EISDIR') return 'it is a folder'
  return typeof code === 'string' ? code : 'unknown error'
}
