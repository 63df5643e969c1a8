/**
 * Decides which links may leave the app for the system browser (SEC-06).
 *
 * Only `https:` documentation links pass: the CHT documentation site, and repositories and issues
 * of the `medic` organisation on GitHub, which the migration guide links to. Every other scheme
 * (`http:`, `file:`, `javascript:`, custom protocol handlers), every other host, explicit ports
 * and URLs carrying credentials are refused, so a compromised page cannot use `shell.openExternal`
 * to launch local programs or phish.
 */

const DOCS_HOST = 'docs.communityhealthtoolkit.org'
const GITHUB_HOST = 'github.com'
const GITHUB_ORG = 'medic'
const MAX_URL_LENGTH = 2048

/**
 * Returns the normalised URL to open when `raw` is an allowed documentation link, else null.
 *
 * Callers pass the returned string (not `raw`) to `shell.openExternal`, so what is opened is what
 * was checked.
 */
export function allowedExternalUrl(raw: unknown): string | null {
  if (typeof raw !== 'string' || raw.length === 0 || raw.length > MAX_URL_LENGTH) return null
  // The URL parser silently drops tabs, newlines and surrounding spaces; refuse them instead.
  if (hasSpaceOrControl(raw)) return null
  let url: URL
  try {
    url = new URL(raw)
  } catch {
    return null
  }
  if (url.protocol !== 'https:') return null
  if (url.username !== '' || url.password !== '' || url.port !== '') return null
  if (url.hostname === DOCS_HOST) return url.href
  if (url.hostname === GITHUB_HOST && isMedicRepositoryPath(url.pathname)) return url.href
  return null
}

/** True when `raw` is an `https:` documentation link the app may open externally (SEC-06). */
export function isAllowedExternalUrl(raw: unknown): boolean {
  return allowedExternalUrl(raw) !== null
}

// `/medic/<repository>` and anything below it; the parser has already resolved `..` segments.
function isMedicRepositoryPath(pathname: string): boolean {
  const [org, repository] = pathname.split('/').filter((segment) => segment !== '')
  return org?.toLowerCase() === GITHUB_ORG && repository !== undefined
}

function hasSpaceOrControl(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i)
    if (code <= 0x20 || code === 0x7f) return true
  }
  return false
}
