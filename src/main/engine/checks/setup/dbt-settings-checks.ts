import type { EvidenceItem } from '../../../../shared/results/check-result'
import type { CheckOutcome } from '../check-types'
import type { ChtSyncConfig, ConfigEntry } from '../config/config-types'
import { defineCheck } from '../define-check'
import {
  bounded,
  entryItem,
  fact,
  fileFact,
  isSet,
  settingItem,
  shown,
  withConfig,
} from './config-evidence'

/** A pause written with a unit (`5m`, `5 minutes`, `1h`, `30s`, `2.5`) in seconds, when readable. */
function writtenSeconds(value: string): number | null {
  const match = /^(\d+(?:\.\d+)?)\s*([a-z]*)$/i.exec(value.trim())
  if (!match) return null
  const amount = Number(match[1])
  const unit = (match[2] ?? '').toLowerCase()
  if (['', 's', 'sec', 'secs', 'second', 'seconds'].includes(unit)) return Math.round(amount)
  if (['m', 'min', 'mins', 'minute', 'minutes'].includes(unit)) return Math.round(amount * 60)
  if (['h', 'hr', 'hrs', 'hour', 'hours'].includes(unit)) return Math.round(amount * 3600)
  return null
}

/** `5 minutes`, `1.5 minutes`. */
function minutes(seconds: number): string {
  const count = seconds / 60
  return `${Number.isInteger(count) ? count : count.toFixed(1)} ${count === 1 ? 'minute' : 'minutes'}`
}

/** `5 seconds`, `300 seconds (5 minutes)`. */
function duration(seconds: number): string {
  if (seconds < 60) return `${seconds} ${seconds === 1 ? 'second' : 'seconds'}`
  return `${seconds} seconds (${minutes(seconds)})`
}

function intervalOutcome(config: ChtSyncConfig, entry: ConfigEntry | null): CheckOutcome {
  const evidence: EvidenceItem[] = [fileFact(config)]
  if (config.kind === 'values') {
    evidence.push(fact('Pause between dbt runs', '5 seconds (the Helm chart does not set it)'))
    return {
      verdict: 'pass',
      summary: 'The Helm chart does not pass DATAEMON_INTERVAL: dbt pauses 5 seconds between runs.',
      evidence,
    }
  }
  evidence.push(entryItem(config, entry, 'DATAEMON_INTERVAL'))
  if (!isSet(entry)) {
    evidence.push(fact('Pause between dbt runs', '5 seconds (the default)'))
    return {
      verdict: 'pass',
      summary: 'DATAEMON_INTERVAL is not set: dbt pauses 5 seconds (the default) between runs.',
      evidence,
    }
  }
  const text = entry.value.trim()
  // dbt-run.py sleeps int(DATAEMON_INTERVAL) seconds: Python's int() takes digits only.
  if (!/^\+?\d+(?:_\d+)*$/.test(text)) {
    const seconds = writtenSeconds(text)
    const negative = /^-\d+$/.test(text)
    return {
      verdict: 'fail',
      summary: `DATAEMON_INTERVAL is "${shown(text, 40)}": ${negative ? 'a negative pause' : 'not a whole number of seconds'}, so dbt’s runner stops with an error after its first run.`,
      evidence,
      remedy: {
        text:
          seconds !== null && seconds > 0
            ? `Write DATAEMON_INTERVAL=${seconds}${seconds >= 60 ? ` (${minutes(seconds)})` : ''}: the pause is a whole number of seconds.`
            : 'Write the pause as a whole number of seconds, e.g. DATAEMON_INTERVAL=300 for 5 minutes.',
      },
    }
  }
  const seconds = Number(text.replace(/[+_]/g, ''))
  evidence.push(fact('Pause between dbt runs', duration(seconds)))
  if (seconds < 5) {
    return {
      verdict: 'warn',
      summary: `DATAEMON_INTERVAL is ${seconds}: dbt starts again ${seconds === 0 ? 'as soon as a run ends' : `${duration(seconds)} after a run ends`}, back to back, keeping PostgreSQL busy.`,
      evidence,
      remedy: {
        text:
          seconds === 0
            ? 'The pause is in seconds: 0 runs dbt without a pause. 5 is the default; a few minutes (300) is plenty for most dashboards.'
            : `The pause is in seconds (5 is the default). If ${seconds} ${seconds === 1 ? 'minute was' : 'minutes were'} meant, write DATAEMON_INTERVAL=${seconds * 60}.`,
      },
    }
  }
  return {
    verdict: 'pass',
    summary: `dbt pauses ${duration(seconds)} between runs.`,
    evidence,
  }
}

/**
 * `setup.env-interval`: DATAEMON_INTERVAL is a whole number of seconds (dbt-run.py sleeps
 * `int(DATAEMON_INTERVAL)`). `5m`, `1h`, `5 minutes`, `2.5` fail, with the value in seconds to
 * write; under 5 warns (dbt runs back to back); unset passes (5 seconds). The Helm chart does not
 * pass it, so a values.yaml passes with the default.
 */
export const intervalCheck = defineCheck('setup.env-interval', (ctx) =>
  withConfig(ctx, (config) => intervalOutcome(config, config.settings.DATAEMON_INTERVAL ?? null)),
)

function threadsOutcome(config: ChtSyncConfig): CheckOutcome {
  const env = config.kind === 'env'
  const countKey = env ? 'DBT_THREAD_COUNT' : 'dbt_thread_count'
  const wrongKey = env ? 'DBT_THREADS' : 'dbt_threads'
  const count = config.settings.DBT_THREAD_COUNT ?? null
  const wrong = config.entries.find((e) => e.key === wrongKey) ?? null
  const evidence: EvidenceItem[] = [fileFact(config), entryItem(config, count, countKey)]
  if (wrong) evidence.push(settingItem(config, wrong))
  const used = isSet(count) ? `${countKey} (${shown(count.value.trim(), 20)})` : 'one thread'
  if (wrong) {
    const value = wrong.value.trim()
    return {
      verdict: 'fail',
      summary: `${wrongKey} is set, but CHT Sync reads ${countKey}: dbt ignores it and runs with ${used}.`,
      evidence: bounded(evidence),
      remedy: {
        text: `Rename it: write ${countKey}${env ? '=' : ': '}${/^\d{1,4}$/.test(value) ? value : 3} and delete ${wrongKey}.`,
      },
    }
  }
  const value = count?.value.trim() ?? ''
  // Compose passes ${DBT_THREAD_COUNT:-1} and the chart `default "1"`: unset (or 0 in the chart) is 1.
  if (value === '' || (!env && value === '0')) {
    evidence.push(fact('dbt threads', '1 (the default)'))
    return {
      verdict: 'warn',
      summary: `${countKey} is not set: dbt builds one model at a time.`,
      evidence: bounded(evidence),
      remedy: {
        text: `Set ${countKey} to 3, the tuning page’s suggestion; each thread is one more PostgreSQL session, per dbt container.`,
      },
    }
  }
  if (!/^\d{1,6}$/.test(value) || Number(value) < 1) {
    return {
      verdict: 'fail',
      summary: `${countKey} is "${shown(value, 40)}": dbt needs a whole number of threads, 1 or more, and does not start otherwise.`,
      evidence: bounded(evidence),
      remedy: { text: `Set ${countKey} to a whole number such as 3.` },
    }
  }
  evidence.push(fact('dbt threads', value))
  return {
    verdict: 'pass',
    summary: `dbt runs with ${Number(value)} ${value === '1' ? 'thread' : 'threads'} (${countKey}).`,
    evidence: bounded(evidence),
  }
}

/**
 * `setup.env-threads`: dbt's threads are set with DBT_THREAD_COUNT (`dbt_thread_count` in Helm).
 * DBT_THREADS, the tuning page's name, fails (it is ignored; the remedy gives the line to write);
 * a count that is not a positive whole number fails; unset warns (one thread; 3 is suggested).
 */
export const threadsCheck = defineCheck('setup.env-threads', (ctx) =>
  withConfig(ctx, threadsOutcome),
)
