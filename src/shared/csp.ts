/**
 * The Content-Security-Policy of the renderer, the same in Electron and in browser mode (SEC-05).
 *
 * Nothing is loaded from another origin: scripts, styles, fonts and requests come from the app
 * itself, images may also be inline `data:` URLs, and the page can be neither framed nor used to
 * post a form anywhere.
 */
export const CONTENT_SECURITY_POLICY =
  "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'"
