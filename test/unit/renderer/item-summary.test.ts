import { describe, expect, it } from 'vitest'
import {
  checksVerdict,
  connectionsVerdict,
  gatesVerdict,
  isSettledStatus,
  itemSummary,
  itemVerdict,
  readingOf,
  resultVerdict,
  type Reading,
  type VerdictInputs,
} from '../../../src/renderer/src/lib/item-summary'
import type { StoredResult, Verdict } from '../../../src/shared/project-schema'
import { findItem } from '../../../src/shared/steps-catalog'
import type { TeardownGate } from '../../../src/shared/teardown/gate-types'
import { checkResult } from '../../support/teardown-fixtures'

const DAY_MS = 86_400_000
const NOW = Date.parse('2026-09-01T12:00:00.000Z')

/** A check's stored result recorded against an item, `daysAgo` days before NOW. */
const result = (id: string, itemId: string, verdict: Verdict, daysAgo = 0): StoredResult => ({
  ...checkResult(id, verdict, new Date(NOW - daysAgo * DAY_MS).toISOString()),
  itemId,
})

const ran = (verdict: Verdict, stale = false): Reading => ({ verdict, stale })
const never: Reading = { verdict: null, stale: false }

const item = (id: string) => findItem(id)!.item

const inputs = (results: StoredResult[], gates: TeardownGate[] | null = null): VerdictInputs => ({
  results: Object.fromEntries(results.map((r) => [r.id, r])),
  staleAfterDays: 7,
  now: NOW,
  gates,
})

describe('itemSummary', () => {
  it('takes the first non-empty line of the note', () => {
    expect(itemSummary('\n  Decided: Docker Compose.  \nThen more.', 'Guidance.')).toBe(
      'Decided: Docker Compose.',
    )
  })

  it('takes the first sentence of the guidance without a note', () => {
    expect(itemSummary('', 'Copy env.template to .env. Then set it.')).toBe(
      'Copy env.template to .env.',
    )
    expect(itemSummary(undefined, '  Both are supported.\n ')).toBe('Both are supported.')
    expect(itemSummary('   \n ', 'A host name without https://. More.')).toBe(
      'A host name without https://.',
    )
  })

  it('keeps a guidance without a sentence end whole (the row cuts it)', () => {
    expect(itemSummary('', 'Keep   the old\nand the new apart')).toBe(
      'Keep the old and the new apart',
    )
  })

  it('does not stop at a dot inside a name', () => {
    expect(itemSummary('', 'Use cht_form_model and v1.couchdb for it. Then run.')).toBe(
      'Use cht_form_model and v1.couchdb for it.',
    )
  })
})

describe('checksVerdict', () => {
  it('says nothing for an item without checks', () => {
    expect(checksVerdict([])).toBeNull()
  })

  it('puts failures first', () => {
    expect(checksVerdict([ran('pass'), ran('fail'), never])).toEqual({
      kind: 'checks',
      text: '1 failed',
      tone: 'fail',
    })
    expect(checksVerdict([ran('fail'), ran('fail'), ran('error')])?.text).toBe(
      '2 failed, 1 could not run',
    )
    expect(checksVerdict([ran('error'), ran('warn')])?.text).toBe('1 could not run')
  })

  it('then checks not run', () => {
    expect(checksVerdict([never, never])).toMatchObject({ text: 'Not run yet', tone: 'none' })
    expect(checksVerdict([ran('pass'), never, ran('warn')])).toMatchObject({
      text: '1 of 3 not run',
      tone: 'none',
    })
  })

  it('then warnings, then stale results', () => {
    expect(checksVerdict([ran('pass'), ran('warn', true)])).toMatchObject({
      text: '1 warned',
      tone: 'warn',
    })
    expect(checksVerdict([ran('pass'), ran('pass', true)])).toMatchObject({
      text: '1 stale',
      tone: 'warn',
    })
  })

  it('else how many passed', () => {
    expect(checksVerdict([ran('pass')])).toMatchObject({ text: 'Check passed', tone: 'pass' })
    expect(checksVerdict([ran('pass'), ran('pass')])).toMatchObject({
      text: '2 checks passed',
      tone: 'pass',
    })
    expect(checksVerdict([ran('pass'), ran('skipped')])?.text).toBe('1 passed, 1 skipped')
    expect(checksVerdict([ran('skipped')])).toMatchObject({ text: 'Skipped', tone: 'none' })
  })
})

describe('resultVerdict', () => {
  it('says the verdict of one stored result in a word', () => {
    expect(resultVerdict(never)).toEqual({ kind: 'result', text: 'Not run yet', tone: 'none' })
    expect(resultVerdict(ran('pass'))).toMatchObject({ text: 'Passed', tone: 'pass' })
    expect(resultVerdict(ran('warn'))).toMatchObject({ text: 'Warning', tone: 'warn' })
    expect(resultVerdict(ran('fail'))).toMatchObject({ text: 'Failed', tone: 'fail' })
    expect(resultVerdict(ran('error'))).toMatchObject({ text: 'Could not run', tone: 'fail' })
  })

  it('says a stale result is stale, unless it failed', () => {
    expect(resultVerdict(ran('pass', true))).toMatchObject({ text: 'Passed, stale', tone: 'warn' })
    expect(resultVerdict(ran('fail', true))).toMatchObject({ text: 'Failed', tone: 'fail' })
  })
})

describe('connectionsVerdict', () => {
  it('reads the three connection tests', () => {
    expect(connectionsVerdict([never, never, never])).toMatchObject({ text: 'Not tested yet' })
    expect(connectionsVerdict([ran('pass'), never, never]).text).toBe('2 of 3 not tested')
    expect(connectionsVerdict([ran('pass'), ran('error'), never])).toMatchObject({
      text: '1 not connected',
      tone: 'fail',
    })
    expect(connectionsVerdict([ran('pass'), ran('warn'), ran('pass')]).text).toBe('1 with warnings')
    expect(connectionsVerdict([ran('pass'), ran('pass'), ran('pass')])).toMatchObject({
      text: '3 of 3 connected',
      tone: 'pass',
    })
  })
})

describe('gatesVerdict', () => {
  it('reads the teardown gates that judge an item', () => {
    expect(gatesVerdict([])).toBeNull()
    expect(gatesVerdict(['unmet'])).toMatchObject({ text: 'Gate not met', tone: 'fail' })
    expect(gatesVerdict(['met', 'unmet', 'unmet'])?.text).toBe('2 not met')
    expect(gatesVerdict(['unknown'])?.text).toBe('No evidence yet')
    expect(gatesVerdict(['met', 'unknown', 'unknown'])?.text).toBe('2 without evidence')
    expect(gatesVerdict(['met'])).toMatchObject({ text: 'Gate met', tone: 'pass' })
    expect(gatesVerdict(['met', 'met', 'met'])?.text).toBe('3 gates met')
  })
})

describe('itemVerdict', () => {
  it('reads an item’s automated checks from their latest results', () => {
    const verdict = itemVerdict(
      item('setup.local-sync'),
      inputs([
        result('setup.tables', 'setup.local-sync', 'pass'),
        result('setup.dbt-results', 'setup.local-sync', 'fail'),
      ]),
    )
    expect(verdict).toEqual({ kind: 'checks', text: '1 failed', tone: 'fail' })
  })

  it('sees a check’s result go stale with the project’s stale age', () => {
    const docker = [result('setup.docker', 'setup.prerequisites', 'pass', 30)]
    expect(itemVerdict(item('setup.prerequisites'), inputs(docker))?.text).toBe('1 stale')
    expect(
      itemVerdict(item('setup.prerequisites'), { ...inputs(docker), staleAfterDays: 60 })?.text,
    ).toBe('Check passed')
  })

  it('reads the stored result of an item that another module judges', () => {
    expect(itemVerdict(item('parity.counts'), inputs([]))?.text).toBe('Not run yet')
    const counts = result('parity.counts', 'parity.counts', 'warn')
    expect(itemVerdict(item('parity.counts'), inputs([counts]))).toEqual({
      kind: 'result',
      text: 'Warning',
      tone: 'warn',
    })
  })

  it('reads the connection tests for the connections item', () => {
    const tests = [result('connection.couchdb', 'plan.connections', 'pass')]
    expect(itemVerdict(item('plan.connections'), inputs(tests))?.text).toBe('2 of 3 not tested')
  })

  it('reads the teardown gates for the items they judge, nothing without them', () => {
    const gate = (id: TeardownGate['id'], state: TeardownGate['state']): TeardownGate => ({
      id,
      title: id,
      state,
      evidence: [],
      remedy: null,
    })
    const gates = [gate('backup', 'met'), gate('decisions', 'unmet'), gate('parity-days', 'met')]
    expect(itemVerdict(item('teardown.backup'), inputs([], gates))?.text).toBe('Gate met')
    expect(itemVerdict(item('teardown.sustained-parity'), inputs([], gates))?.text).toBe(
      '1 not met',
    )
    expect(itemVerdict(item('teardown.backup'), inputs([], null))).toBeNull()
  })

  it('says nothing for an item nothing automated judges', () => {
    expect(itemVerdict(item('plan.scope'), inputs([]))).toBeNull()
  })
})

describe('readingOf and isSettledStatus', () => {
  it('reads a result as its verdict and age', () => {
    expect(readingOf(undefined, 7, NOW)).toEqual({ verdict: null, stale: false })
    expect(readingOf(result('a', 'b', 'pass', 8), 7, NOW)).toEqual({ verdict: 'pass', stale: true })
  })

  it('counts done and not applicable as settled', () => {
    expect(isSettledStatus('done')).toBe(true)
    expect(isSettledStatus('not_applicable')).toBe(true)
    expect(isSettledStatus('in_progress')).toBe(false)
    expect(isSettledStatus(undefined)).toBe(false)
  })
})
