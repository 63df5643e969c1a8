import type { EvidenceItem } from '../../../../shared/results/check-result'
import type { ChtSyncConfig, ConfigEntry } from '../config/config-types'
import { defineCheck } from '../define-check'
import {
  entryItem,
  fileFact,
  fileName,
  fromFindings,
  isSet,
  shown,
  withConfig,
  type Finding,
} from './config-evidence'

/** The passwords env.template and docker-compose.yml ship (postgres, password, admin). */
const TEMPLATE_DEFAULTS = new Set(['postgres', 'password', 'admin'])
/** Text left where a password was meant to go. */
const PLACEHOLDER =
  /^(<.*>|\[.*\]|\{\{.*\}\}|\$\{.*\}|change[-_ ]?(me|it)|your[-_ ]?password|password[-_ ]?here|x{3,}|\*{3,}|secret|example|todo|tbd|none|null)$/i

const FIX =
  'Give each a long random password (a password manager makes one): change it on the server first (ALTER ROLE … PASSWORD in PostgreSQL, the user’s document or local.ini in CouchDB), then in the file.'

interface Credential {
  password: ConfigEntry | null
  passwordKey: string
  user: ConfigEntry | null
}

/** What is wrong with one password, never quoting it; null when nothing is. */
function weakness(credential: Credential): string | null {
  const { password, user } = credential
  if (!password) return 'is not set'
  const value = password.value.trim()
  if (value === '') return 'is empty'
  if (TEMPLATE_DEFAULTS.has(value.toLowerCase())) return 'matches a password the templates ship'
  if (PLACEHOLDER.test(value)) return 'is still a placeholder'
  if (isSet(user) && value === user.value.trim())
    return `is the same as the user name (${shown(user.key)})`
  return null
}

function credentials(config: ChtSyncConfig): Credential[] {
  const { settings } = config
  if (config.kind === 'values') {
    return [
      {
        password: settings.POSTGRES_PASSWORD ?? null,
        passwordKey: 'postgres.password',
        user: settings.POSTGRES_USER ?? null,
      },
      ...config.couchdbs.slice(0, 100).map((t, i) => ({
        password: t.password,
        passwordKey: `couchdbs[${i}].password`,
        user: t.user,
      })),
    ]
  }
  const list: Credential[] = [
    {
      password: settings.POSTGRES_PASSWORD ?? null,
      passwordKey: 'POSTGRES_PASSWORD',
      user: settings.POSTGRES_USER ?? null,
    },
    {
      password: settings.COUCHDB_PASSWORD ?? null,
      passwordKey: 'COUCHDB_PASSWORD',
      user: settings.COUCHDB_USER ?? null,
    },
  ]
  if (settings.PGADMIN_DEFAULT_PASSWORD) {
    list.push({
      password: settings.PGADMIN_DEFAULT_PASSWORD,
      passwordKey: 'PGADMIN_DEFAULT_PASSWORD',
      user: settings.PGADMIN_DEFAULT_EMAIL ?? null,
    })
  }
  return list
}

/**
 * `production.passwords`: no password is a template's (postgres, password, admin), empty, unset,
 * a placeholder, or the user's name, for PostgreSQL, every CouchDB and pgAdmin (an unset
 * PGADMIN_DEFAULT_PASSWORD beside other pgAdmin settings is Compose's `admin`). Findings name the
 * setting and why, never the password; evidence shows passwords masked.
 */
export const passwordsCheck = defineCheck('production.passwords', (ctx) =>
  withConfig(ctx, (config) => {
    const evidence: EvidenceItem[] = [fileFact(config)]
    const findings: Finding[] = []
    for (const credential of credentials(config)) {
      evidence.push(entryItem(config, credential.password, credential.passwordKey))
      const why = weakness(credential)
      if (why) {
        findings.push({ level: 'fail', text: `${shown(credential.passwordKey)} ${why}.`, fix: FIX })
      }
    }
    const { settings } = config
    const pgAdmin = settings.PGADMIN_DEFAULT_EMAIL ?? settings.PGADMIN_PORT
    if (config.kind === 'env' && !settings.PGADMIN_DEFAULT_PASSWORD && pgAdmin) {
      evidence.push(entryItem(config, null, 'PGADMIN_DEFAULT_PASSWORD'))
      findings.push({
        level: 'fail',
        text: `PGADMIN_DEFAULT_PASSWORD is not set while ${shown(pgAdmin.key)} is: pgAdmin then signs in with Docker Compose’s default, admin.`,
        fix: 'Set PGADMIN_DEFAULT_PASSWORD to a long random password, or leave pgAdmin out of production (it runs only with the local profile).',
      })
    }
    const pass = `${fileName(config)} has no default, empty or placeholder password.`
    return fromFindings(findings, pass, evidence)
  }),
)
