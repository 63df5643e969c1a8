import type { EvidenceItem } from '../../../../shared/results/check-result'
import type { ChtSyncConfig, ConfigEntry, SettingName } from '../config/config-types'
import { defineCheck } from '../define-check'
import {
  entryItem,
  fileFact,
  fileName,
  fromFindings,
  isSet,
  keyOf,
  listed,
  shown,
  withConfig,
  type Finding,
} from './config-evidence'
import { hostFormProblem, portNumber } from './couchdb-host'

/** What the Docker `.env` must set (one of the two dbt package settings as well). */
const ENV_REQUIRED: readonly SettingName[] = [
  'POSTGRES_USER',
  'POSTGRES_PASSWORD',
  'POSTGRES_DB',
  'POSTGRES_SCHEMA',
  'POSTGRES_TABLE',
  'POSTGRES_HOST',
  'COUCHDB_USER',
  'COUCHDB_PASSWORD',
  'COUCHDB_DBS',
  'COUCHDB_HOST',
  'COUCHDB_PORT',
]

/** What the Helm chart has no default for (`postgres.host` only when Postgres is outside). */
const HELM_REQUIRED: readonly SettingName[] = [
  'POSTGRES_USER',
  'POSTGRES_PASSWORD',
  'POSTGRES_DB',
  'POSTGRES_SCHEMA',
  'POSTGRES_TABLE',
  'CHT_PIPELINE_BRANCH_URL',
]

interface Scan {
  missing: string[]
  findings: Finding[]
  evidence: EvidenceItem[]
}

function requireSetting(config: ChtSyncConfig, scan: Scan, name: SettingName): void {
  const entry = config.settings[name] ?? null
  const key = keyOf(config, name)
  scan.evidence.push(entryItem(config, entry, key))
  if (!isSet(entry)) scan.missing.push(key)
}

/** The host and port checks shared by both kinds of file. */
function checkForms(scan: Scan, host: ConfigEntry | null, ports: (ConfigEntry | null)[]): void {
  const problem = isSet(host) ? hostFormProblem(host.value) : null
  if (host && problem) {
    scan.findings.push({
      level: 'fail',
      text: `${shown(host.key)} ${problem}: CHT Sync puts it between "https://user:password@" and ":port/", so the address it builds is broken.`,
      fix: `Write ${shown(host.key)} as the host name alone (cht.example.org); https is chosen with the secure setting and the port with the port setting.`,
    })
  }
  for (const port of ports) {
    if (isSet(port) && portNumber(port.value) === null) {
      scan.findings.push({
        level: 'fail',
        text: `${shown(port.key)} is not a port number.`,
        fix: `Set ${shown(port.key)} to a number such as 443 (CHT behind nginx) or 5984 (CouchDB itself).`,
      })
    }
  }
}

function scanEnv(config: ChtSyncConfig, scan: Scan): void {
  for (const name of ENV_REQUIRED) requireSetting(config, scan, name)
  const url = config.settings.CHT_PIPELINE_BRANCH_URL ?? null
  const local = config.settings.DBT_LOCAL_PATH ?? null
  scan.evidence.push(entryItem(config, url, 'CHT_PIPELINE_BRANCH_URL'))
  scan.evidence.push(entryItem(config, local, 'DBT_LOCAL_PATH'))
  if (!isSet(url) && !isSet(local)) scan.missing.push('CHT_PIPELINE_BRANCH_URL or DBT_LOCAL_PATH')
  const target = config.couchdbs[0]
  checkForms(scan, target?.host ?? null, [
    target?.port ?? null,
    config.settings.POSTGRES_PORT ?? null,
  ])
}

function scanValues(config: ChtSyncConfig, scan: Scan): void {
  for (const name of HELM_REQUIRED) requireSetting(config, scan, name)
  const external = config.entries.find((e) => e.key === 'postgres.enabled')?.value === 'false'
  if (external) requireSetting(config, scan, 'POSTGRES_HOST')
  const hasList = config.entries.some((e) => e.key.startsWith('couchdbs['))
  if (!hasList) {
    scan.missing.push('couchdbs (one entry per CHT instance)')
    return
  }
  config.couchdbs.forEach((target, i) => {
    const fields = [
      ['host', target.host],
      ['password', target.password],
      ['user', target.user],
      ['dbs', target.dbs],
      ['port', target.port],
    ] as const
    for (const [field, entry] of fields) {
      scan.evidence.push(entryItem(config, entry, `couchdbs[${i}].${field}`))
      if (!isSet(entry)) scan.missing.push(`couchdbs[${i}].${field}`)
    }
    checkForms(scan, target.host, [target.port])
  })
  checkForms(scan, null, [config.settings.POSTGRES_PORT ?? null])
}

/**
 * `setup.env-required`: every setting CHT Sync needs is there with a value (an empty value counts
 * as missing). In a `.env`: the PostgreSQL and CouchDB settings and CHT_PIPELINE_BRANCH_URL or
 * DBT_LOCAL_PATH; in a values.yaml: what the chart has no default for, and host, password, user,
 * dbs and port for every `couchdbs` entry.
 *
 * The form of COUCHDB_HOST is checked here, not in `setup.env-secure-port`: a scheme
 * (`https://`), a path, a user or a port in it breaks the address CHT Sync builds, whatever the
 * secure setting says. Ports that are not numbers fail here too.
 */
export const envRequiredCheck = defineCheck('setup.env-required', (ctx) =>
  withConfig(ctx, (config) => {
    const scan: Scan = { missing: [], findings: [], evidence: [fileFact(config)] }
    if (config.kind === 'env') scanEnv(config, scan)
    else scanValues(config, scan)
    const findings: Finding[] = []
    if (scan.missing.length > 0) {
      const where = config.kind === 'env' ? 'the .env' : 'values.yaml'
      const shared =
        config.kind === 'values'
          ? ' The user, dbs and port of the CouchDB instances can be set once under couchdb:.'
          : ''
      findings.push({
        level: 'fail',
        text: `Missing or empty: ${listed(scan.missing, 8)}.`,
        fix: `Give each of them a value in ${where} (an empty value counts as missing).${shared}`,
      })
    }
    findings.push(...scan.findings)
    const pass = `${fileName(config)} sets every setting CHT Sync needs.`
    return fromFindings(findings, pass, scan.evidence)
  }),
)
