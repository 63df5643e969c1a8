import type { EvidenceItem } from '../../../../shared/results/check-result'
import type { ChtSyncConfig, CouchdbTarget } from '../config/config-types'
import { defineCheck } from '../define-check'
import {
  entryItem,
  fact,
  fileFact,
  fromFindings,
  isSet,
  shown,
  withConfig,
  type Finding,
} from './config-evidence'
import { bareHost, isLocalHost, portNumber } from './couchdb-host'
import { targetSecure } from './access-config'

/** How CHT Sync will talk to one CouchDB: https or http, and why. */
interface Secure {
  https: boolean
  /** Written as something other than true or false (CHT Sync then uses http). */
  invalid: boolean
  /** Not written: Compose's default (https) or the chart's empty value (http) applies. */
  defaulted: boolean
}

function secureOf(config: ChtSyncConfig, target: CouchdbTarget): Secure {
  const value = target.secure?.value ?? ''
  if (value === '') return { https: targetSecure(config, target), invalid: false, defaulted: true }
  if (value === 'true') return { https: true, invalid: false, defaulted: false }
  return { https: false, invalid: value !== 'false', defaulted: false }
}

/** The names of a target's settings in this file, for sentences. */
function names(config: ChtSyncConfig, target: CouchdbTarget, i: number) {
  if (config.kind === 'env') return { secure: 'COUCHDB_SECURE', port: 'COUCHDB_PORT', at: '' }
  const host = target.host?.value ? ` (${shown(bareHost(target.host.value), 60)})` : ''
  return {
    secure: target.secure?.key ?? 'couchdb.secure',
    port: target.port?.key ?? 'couchdb.port',
    at: ` for couchdbs[${i}]${host}`,
  }
}

function findingsFor(config: ChtSyncConfig, target: CouchdbTarget, i: number): Finding[] {
  const secure = secureOf(config, target)
  const n = names(config, target, i)
  const findings: Finding[] = []
  if (secure.invalid) {
    findings.push({
      level: 'fail',
      text: `${shown(n.secure)} is "${shown(target.secure?.value ?? '', 40)}"${n.at}: CHT Sync uses https only for the exact text true, so this means plain http.`,
      fix: `Write ${shown(n.secure)} as true (https, port 443 for a CHT behind nginx) or false (http, only on this machine or a private network).`,
    })
    return findings
  }
  const port = isSet(target.port) ? portNumber(target.port.value) : null
  const host = isSet(target.host) ? target.host.value : null
  const how = secure.defaulted
    ? config.kind === 'env'
      ? `${n.secure} is not set, so Docker Compose makes it true (https)`
      : `${shown(n.secure)} is not set, so the chart passes an empty value and CHT Sync uses http`
    : `${shown(n.secure)} is ${secure.https}`
  if (secure.https && port === 5984) {
    findings.push({
      level: 'warn',
      text: `${how}, but ${shown(n.port)} is 5984${n.at}: CouchDB’s own port, which rarely answers https.`,
      fix: `For a CHT behind nginx use port 443 with https; for a CouchDB reached on 5984 inside this machine or network, set ${shown(n.secure)} to false.`,
    })
  }
  if (!secure.https && port === 443) {
    findings.push({
      level: 'fail',
      text: `${how}, but ${shown(n.port)} is 443${n.at}: plain http to the https port fails on every request.`,
      fix: `Set ${shown(n.secure)} to true for port 443.`,
    })
  }
  if (!secure.https && host !== null && !isLocalHost(host)) {
    findings.push({
      level: 'fail',
      text: `${how}, and ${shown(bareHost(host), 60)} is not on this machine or a private network: CouchDB passwords and health data would cross the network unencrypted.`,
      fix: `Set ${shown(n.secure)} to true and ${shown(n.port)} to 443 for a CHT reached over the internet.`,
    })
  }
  return findings
}

/** `https://cht.example.org:443`, as CHT Sync builds it (without user and password). */
function address(config: ChtSyncConfig, target: CouchdbTarget): string {
  const secure = secureOf(config, target)
  const host = target.host?.value ? bareHost(target.host.value) : '(no host)'
  const port = target.port?.value.trim() || '(no port)'
  return `${secure.https ? 'https' : 'http'}://${host}:${port}`
}

/**
 * `setup.env-secure-port`: https matches the CouchDB port and the host. COUCHDB_SECURE left unset
 * is true under Docker Compose (said so in the findings) and empty, so http, under the chart.
 * Fails on a value other than true or false (CHT Sync compares the exact text `true`), on http to
 * port 443, and on http to a host that is not local or private; warns on https to 5984.
 */
export const securePortCheck = defineCheck('setup.env-secure-port', (ctx) =>
  withConfig(ctx, (config) => {
    const evidence: EvidenceItem[] = [fileFact(config)]
    const findings: Finding[] = []
    const targets = config.couchdbs.slice(0, 100)
    if (!targets.some((t) => isSet(t.host) || isSet(t.port))) {
      return {
        verdict: 'skipped',
        summary: 'No CouchDB host or port is set.',
        evidence,
        skippedBecause:
          'No CouchDB host or port is set: see the check “Required settings are present”.',
      }
    }
    targets.forEach((target, i) => {
      const n = names(config, target, i)
      if (i < 10) evidence.push(fact(`CHT Sync connects to${n.at}`, address(config, target)))
      evidence.push(entryItem(config, target.secure, n.secure))
      evidence.push(entryItem(config, target.port, n.port))
      if (target.host) evidence.push(entryItem(config, target.host, target.host.key))
      findings.push(...findingsFor(config, target, i))
    })
    const defaulted = targets.some((t) => secureOf(config, t).defaulted)
    if (defaulted && config.kind === 'env') {
      evidence.push(fact('COUCHDB_SECURE', 'not set: Docker Compose uses true (https)'))
    }
    const first = targets[0]
    const unset =
      defaulted && config.kind === 'env'
        ? ' (COUCHDB_SECURE is not set: Docker Compose uses https)'
        : ''
    const pass =
      targets.length === 1 && first
        ? `CHT Sync connects to ${address(config, first)}${unset}: the secure setting, port and host agree.`
        : `For each of the ${targets.length} CouchDB instances the secure setting, port and host agree.`
    return fromFindings(findings, pass, evidence)
  }),
)
