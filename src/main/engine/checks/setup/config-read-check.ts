import type { EvidenceItem } from '../../../../shared/results/check-result'
import type { ChtSyncConfig } from '../config/config-types'
import { defineCheck } from '../define-check'
import { bounded, fact, fileFact, fileName, table, withConfig } from './config-evidence'

/** Settings CHT Sync reads found in the file (a Helm CouchDB entry with a host counts too). */
function recognised(config: ChtSyncConfig): number {
  const settings = Object.keys(config.settings).length
  const instances = config.couchdbs.filter((t) => t.host || t.password).length
  return config.kind === 'env' ? settings : settings + instances
}

function problemEvidence(config: ChtSyncConfig): EvidenceItem[] {
  const items: EvidenceItem[] = []
  if (config.problems.length > 0) {
    items.push(
      table(
        'What could not be read',
        ['Line', 'Problem'],
        config.problems.map((p) => [p.line, p.message]),
      ),
    )
  }
  if (config.duplicates.length > 0) {
    items.push(
      table(
        'Settings written more than once (the last one is used)',
        ['Setting', 'Lines'],
        config.duplicates.map((d) => [d.key, d.lines.slice(0, 50).join(', ')]),
      ),
    )
  }
  return items
}

const WRONG_FILE = {
  env: 'Check that the Set up step names CHT Sync’s .env (the copy of env.template next to docker-compose.yml) and that each setting is written NAME=value on a line of its own.',
  values:
    'Check that the Set up step names the values.yaml made from CHT Sync’s values.yaml.template, with postgres:, couchdb: and couchdbs: at the top.',
}

/**
 * `setup.config-read`: the chosen `.env` or `values.yaml` can be read. Fails when nothing in it is
 * a setting CHT Sync reads (an empty or wrong file); warns on lines it cannot read, values Docker
 * Compose reads differently, and settings written twice, listing each with its line.
 */
export const configReadCheck = defineCheck('setup.config-read', (ctx) =>
  withConfig(ctx, (config) => {
    const name = fileName(config)
    const evidence: EvidenceItem[] = [
      fileFact(config),
      fact('Settings read', String(config.entries.length)),
      ...problemEvidence(config),
    ]
    if (config.entries.length === 0 || recognised(config) === 0) {
      return {
        verdict: 'fail',
        summary:
          config.entries.length === 0
            ? `Nothing in ${name} could be read as a setting.`
            : `${name} holds ${config.entries.length} settings, but none that CHT Sync reads.`,
        evidence: bounded(evidence),
        remedy: { text: WRONG_FILE[config.kind] },
      }
    }
    const { problems, duplicates } = config
    if (problems.length === 0 && duplicates.length === 0) {
      return {
        verdict: 'pass',
        summary: `${name} was read: ${config.entries.length} settings, every line understood.`,
        evidence: bounded(evidence),
      }
    }
    const parts: string[] = []
    if (problems.length > 0) {
      parts.push(`${problems.length === 1 ? 'one problem' : `${problems.length} problems`}`)
    }
    if (duplicates.length > 0) {
      parts.push(
        `${duplicates.length === 1 ? 'one setting' : `${duplicates.length} settings`} written more than once`,
      )
    }
    return {
      verdict: 'warn',
      summary: `${name} was read with ${parts.join(' and ')}: see the lines listed.`,
      evidence: bounded(evidence),
      remedy: {
        text: 'Correct or remove each line listed: a line that is not read is a setting CHT Sync never gets. Where a setting is written twice, keep one: the last one is the one used.',
      },
    }
  }),
)
