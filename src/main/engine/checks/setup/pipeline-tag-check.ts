import type { ProjectDocument } from '../../../../shared/project-schema'
import type { EvidenceItem } from '../../../../shared/results/check-result'
import type { ChtSyncEra } from '../../../../shared/results/connection-result'
import { CHT_SYNC_ERA_LABELS } from '../../../../shared/results/describe-endpoint-facts'
import type { CheckOutcome } from '../check-types'
import type { ChtSyncConfig } from '../config/config-types'
import { defineCheck } from '../define-check'
import { bounded, fact, fileFact, isSet, settingItem, shown, withConfig } from './config-evidence'

const MAJOR_OF_ERA: Record<ChtSyncEra, number> = { v2: 2, v1: 1, 'pre-1.0': 0, logstash: 0 }
const RELEASE = /^v?(\d{1,4})\.(\d{1,4})\.(\d{1,4})(?:[-+.][0-9A-Za-z.+-]*)?$/
const COMMIT = /^[0-9a-f]{7,40}$/i

/** CHT Sync's major version: from the CHT Sync connection's facts, else 2 (the current one). */
export function chtSyncMajor(document: ProjectDocument): { major: number; from: string } {
  const details = document.results['connection.chtSync']?.details
  if (details?.kind === 'connection' && details.facts?.endpoint === 'chtSync') {
    const era = details.facts.era
    return {
      major: MAJOR_OF_ERA[era],
      from: `the CHT Sync database looks like ${CHT_SYNC_ERA_LABELS[era]}`,
    }
  }
  return { major: 2, from: 'assumed, as no CHT Sync connection has been tested' }
}

const version = (major: number) => (major === 0 ? 'before 1.0' : `${major}`)

function pinOutcome(config: ChtSyncConfig, document: ProjectDocument): CheckOutcome {
  const env = config.kind === 'env'
  const url = config.settings.CHT_PIPELINE_BRANCH_URL ?? null
  const local = env ? (config.settings.DBT_LOCAL_PATH ?? null) : null
  const urlKey = env ? 'CHT_PIPELINE_BRANCH_URL' : 'cht_pipeline_branch_url'
  const expected = chtSyncMajor(document)
  const evidence: EvidenceItem[] = [
    fileFact(config),
    fact('CHT Sync major version', `${version(expected.major)} (${expected.from})`),
  ]
  if (url) evidence.push(settingItem(config, url))
  if (local) evidence.push(settingItem(config, local))
  if (!isSet(url)) {
    if (isSet(local)) {
      return {
        verdict: 'pass',
        summary:
          'dbt uses the local package at DBT_LOCAL_PATH: nothing to pin. Keep its cht-pipeline release in step with CHT Sync’s major version.',
        evidence: bounded(evidence),
      }
    }
    return {
      verdict: 'skipped',
      summary: `${urlKey} is not set.`,
      evidence: bounded(evidence),
      skippedBecause: `${env ? 'Neither CHT_PIPELINE_BRANCH_URL nor DBT_LOCAL_PATH' : 'cht_pipeline_branch_url'} is set: see the check “Required settings are present”.`,
    }
  }
  const value = url.value.trim()
  const hash = value.indexOf('#')
  const fragment = hash === -1 ? '' : value.slice(hash + 1).trim()
  const pinExample = `${urlKey}${env ? '=' : ': '}https://github.com/medic/cht-pipeline.git#v${expected.major || 2}.x.y (a release of medic/cht-pipeline)`
  if (!/^https?:\/\//i.test(value)) {
    return {
      verdict: 'fail',
      summary: `${urlKey} is not an http(s) address: CHT Sync’s dbt runner ignores any other, so dbt has no package and builds nothing.`,
      evidence: bounded(evidence),
      remedy: {
        text: `Use the repository’s https address with a release tag, e.g. ${pinExample}.`,
      },
    }
  }
  const release = RELEASE.exec(fragment)
  if (release) {
    const major = Number(release[1])
    evidence.push(fact('cht-pipeline release', fragment))
    if (major === expected.major) {
      return {
        verdict: 'pass',
        summary: `cht-pipeline is pinned to ${shown(fragment, 40)}, the same major version as CHT Sync ${version(expected.major)}.`,
        evidence: bounded(evidence),
      }
    }
    return {
      verdict: 'fail',
      summary: `cht-pipeline ${shown(fragment, 40)} is major version ${major}, but CHT Sync is ${version(expected.major)} (${expected.from}): its models and the raw table disagree on columns (CHT Sync 2 added source), and dbt fails.`,
      evidence: bounded(evidence),
      remedy: {
        text:
          expected.major === 0
            ? 'This CHT Sync predates 1.0: upgrade CHT Sync first, then pin the cht-pipeline release of the same major version.'
            : `Pin a cht-pipeline ${expected.major}.x release: ${pinExample}.`,
      },
    }
  }
  const what =
    fragment === ''
      ? `${urlKey} names no tag, so dbt follows the repository’s default branch`
      : COMMIT.test(fragment)
        ? `${urlKey} is pinned to a commit (${shown(fragment, 12)}): the wizard cannot tell which release it is`
        : `${urlKey} follows the branch ${shown(fragment, 40)}`
  return {
    verdict: 'warn',
    summary: `${what}; a push there changes the models CHT Sync builds, without warning.`,
    evidence: bounded(evidence),
    remedy: {
      text: `Pin a release tag of the same major version as CHT Sync (${version(expected.major)}): ${pinExample}.`,
    },
  }
}

/**
 * `setup.env-pipeline-tag`: CHT_PIPELINE_BRANCH_URL names a cht-pipeline release tag (`#v2.0.1`)
 * of CHT Sync's major version. A branch, a commit or no fragment warns (not pinned to a release);
 * a tag of another major version fails, the major taken from the CHT Sync connection's facts
 * (`v2` → 2, `v1` → 1, earlier → before 1.0), else 2; an address that is not http(s) fails (dbt-run.py
 * ignores it). A `.env` with only DBT_LOCAL_PATH passes: a local package has nothing to pin. The
 * URL is shown masked (a token in it is hidden).
 */
export const pipelineTagCheck = defineCheck('setup.env-pipeline-tag', (ctx) =>
  withConfig(ctx, (config) => pinOutcome(config, ctx.document)),
)
