import { pbkdf2Sync, randomBytes } from 'node:crypto'

/** PBKDF2 rounds of the admin hash; CouchDB's historical default, enough for a loopback demo. */
const ITERATIONS = 10

/**
 * Hashes a server admin password the way CouchDB stores it in its config
 * (`-pbkdf2-<derived key>,<salt>,<iterations>`, PBKDF2-SHA1, 20 bytes), so that the plain
 * password never reaches the disk.
 */
export function hashAdminPassword(
  password: string,
  salt = randomBytes(16).toString('hex'),
): string {
  const key = pbkdf2Sync(password, salt, ITERATIONS, 20, 'sha1').toString('hex')
  return `-pbkdf2-${key},${salt},${ITERATIONS}`
}
