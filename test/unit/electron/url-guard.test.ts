import { describe, expect, it } from 'vitest'
import { allowedExternalUrl, isAllowedExternalUrl } from '../../../src/main/electron/url-guard'
import { STEPS } from '../../../src/shared/steps-catalog'

describe('isAllowedExternalUrl (SEC-06)', () => {
  it.each([
    'https://docs.communityhealthtoolkit.org/hosting/analytics/couch2pg-to-cht-sync-migration/',
    'https://docs.communityhealthtoolkit.org/',
    'https://docs.communityhealthtoolkit.org/hosting/analytics/#setup',
    'https://DOCS.communityhealthtoolkit.org/hosting/',
    'https://github.com/medic/cht-sync',
    'https://github.com/medic/cht-pipeline/issues/123',
    'https://github.com/medic/cht-watchdog/blob/main/README.md',
    'https://github.com/Medic/cht-sync/releases',
  ])('allows the documentation link %s', (url) => {
    expect(isAllowedExternalUrl(url)).toBe(true)
  })

  it.each([
    ['plain http', 'http://docs.communityhealthtoolkit.org/'],
    ['file', 'file:///etc/passwd'],
    ['javascript', 'javascript:alert(1)'],
    ['data', 'data:text/html,<script>alert(1)</script>'],
    ['a custom protocol handler', 'ms-msdt:/id PCWDiagnostic'],
    ['smb share', 'smb://attacker/share'],
    ['another host', 'https://example.com/'],
    ['a look-alike host', 'https://docs.communityhealthtoolkit.org.evil.example/'],
    ['a subdomain of the docs host', 'https://evil.docs.communityhealthtoolkit.org/'],
    ['a host with a trailing dot', 'https://docs.communityhealthtoolkit.org./'],
    ['credentials in the URL', 'https://user:pass@docs.communityhealthtoolkit.org/'],
    ['a user name before the host', 'https://docs.communityhealthtoolkit.org@evil.example/'],
    ['an explicit port', 'https://docs.communityhealthtoolkit.org:8443/'],
    ['another GitHub organisation', 'https://github.com/evil/cht-sync'],
    ['the GitHub organisation page alone', 'https://github.com/medic'],
    ['GitHub root', 'https://github.com/'],
    ['a path escaping the organisation', 'https://github.com/medic/../evil/repo'],
    ['an encoded escape', 'https://github.com/medic/%2e%2e/evil/repo'],
    ['a look-alike GitHub host', 'https://github.com.evil.example/medic/cht-sync'],
    ['GitHub gists', 'https://gist.github.com/medic/abc'],
    ['a relative URL', '/hosting/analytics/'],
    ['leading whitespace', ' https://docs.communityhealthtoolkit.org/'],
    ['an embedded newline', 'https://docs.communityhealthtoolkit.org/\nfoo'],
    ['an empty string', ''],
    ['an over-long URL', `https://docs.communityhealthtoolkit.org/${'a'.repeat(2100)}`],
  ])('refuses %s', (_label, url) => {
    expect(isAllowedExternalUrl(url)).toBe(false)
  })

  it('refuses values that are not strings', () => {
    expect(isAllowedExternalUrl(undefined)).toBe(false)
    expect(isAllowedExternalUrl({ href: 'https://docs.communityhealthtoolkit.org/' })).toBe(false)
  })

  it('returns the normalised URL, which is what gets opened', () => {
    expect(allowedExternalUrl('https://DOCS.communityhealthtoolkit.org/a/../hosting')).toBe(
      'https://docs.communityhealthtoolkit.org/hosting',
    )
    expect(allowedExternalUrl('https://example.com/')).toBeNull()
  })
})

describe('the links the wizard shows', () => {
  // The renderer opens these with <a target="_blank">; each must pass the guard or it would
  // silently do nothing in the desktop app.
  const urls = [
    ...new Set(STEPS.flatMap((step) => [step.docUrl, ...step.items.map((item) => item.docUrl)])),
  ]

  it('includes the guide pages', () => {
    expect(urls.length).toBeGreaterThan(0)
  })

  it.each(urls)('allows %s', (url) => {
    expect(isAllowedExternalUrl(url)).toBe(true)
  })
})
