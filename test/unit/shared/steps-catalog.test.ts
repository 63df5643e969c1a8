import { existsSync, readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { checksOfItem } from '../../../src/shared/checks/check-catalog'
import { ALL_ITEMS, findItem, findStep, STEPS } from '../../../src/shared/steps-catalog'
import { STEP_IDS } from '../../../src/shared/steps'

const GUIDE = resolve(__dirname, '../../../../shared/seed/couch2pg-to-cht-sync-migration.md')

describe('the checklist catalog', () => {
  it('has the seven steps in STEP_IDS order, numbered 1 to 7', () => {
    expect(STEPS.map((s) => s.id)).toEqual([...STEP_IDS])
    expect(STEPS.map((s) => s.number)).toEqual([1, 2, 3, 4, 5, 6, 7])
  })

  it('titles the steps as the wizard names them', () => {
    expect(STEPS.map((s) => s.title)).toEqual([
      'Plan the migration',
      'Set up CHT Sync locally',
      'Production readiness',
      'Parity: test the new models',
      'Optimize',
      'Monitor with CHT Watchdog',
      'Teardown: remove couch2pg',
    ])
  })

  it('gives every step between 6 and 10 items, a summary and a short rail label', () => {
    for (const step of STEPS) {
      expect(step.items.length, step.id).toBeGreaterThanOrEqual(6)
      expect(step.items.length, step.id).toBeLessThanOrEqual(10)
      expect(step.summary.length, step.id).toBeGreaterThan(40)
      expect(step.railLabel.length, step.id).toBeLessThanOrEqual(20)
    }
  })

  it('uses unique item ids of the form <step>.<kebab-slug>', () => {
    const ids = ALL_ITEMS.map((i) => i.id)
    expect(new Set(ids).size).toBe(ids.length)
    for (const step of STEPS) {
      for (const item of step.items) {
        expect(item.id).toMatch(new RegExp(`^${step.id}\\.[a-z0-9]+(-[a-z0-9]+)*$`))
      }
    }
  })

  it('points every step and item to https CHT docs or a medic GitHub repository', () => {
    const urls = [...STEPS.map((s) => s.docUrl), ...ALL_ITEMS.map((i) => i.docUrl)]
    for (const raw of urls) {
      const url = new URL(raw)
      expect(url.protocol, raw).toBe('https:')
      const allowed =
        url.hostname === 'docs.communityhealthtoolkit.org' ||
        (url.hostname === 'github.com' && url.pathname.startsWith('/medic/'))
      expect(allowed, raw).toBe(true)
    }
    for (const item of ALL_ITEMS) expect(item.docTitle.trim(), item.id).not.toBe('')
  })

  it('writes a title and a detail of a sentence or two for every item', () => {
    for (const item of ALL_ITEMS) {
      expect(item.title.length, item.id).toBeGreaterThan(5)
      expect(item.title.length, item.id).toBeLessThanOrEqual(80)
      expect(item.detail.length, item.id).toBeGreaterThan(60)
      expect(item.detail.length, item.id).toBeLessThanOrEqual(400)
    }
  })

  it('represents every key consideration of the guide in the step it belongs to', () => {
    const consideration = (id: string, pattern: RegExp) => {
      const found = findItem(id)
      expect(found, id).toBeDefined()
      expect(found?.item.source, id).toBe('consideration')
      expect(`${found?.item.title} ${found?.item.detail}`, id).toMatch(pattern)
    }
    consideration('production.server-resources', /both pipelines|parallel/i) // server resources
    consideration('plan.what-to-visualise', /models/i) // dbt modelling: design from needs
    consideration('setup.redesign-not-copy', /instead of copying/i) // dbt modelling: no 1:1 copy
    consideration('parity.testing', /test/i) // testing
    consideration('teardown.feedback', /cht-sync.*cht-pipeline/i) // feedback
    consideration('setup.docker-or-kubernetes', /Kubernetes/) // Kubernetes vs Docker
    expect(findItem('teardown.feedback')?.item.docUrl).toMatch(/^https:\/\/github\.com\/medic\//)
  })

  it('covers every migration step of the guide', () => {
    const covered = (pattern: RegExp) =>
      ALL_ITEMS.some((i) => pattern.test(`${i.title} ${i.detail}`))
    expect(covered(/scope/i)).toBe(true)
    expect(covered(/replica/i)).toBe(true)
    expect(covered(/indexes/i)).toBe(true)
    expect(covered(/Watchdog/)).toBe(true)
    expect(covered(/alert/i)).toBe(true)
    expect(covered(/Drop the duplicate database/i)).toBe(true)
    expect(covered(/in parallel|leave couch2pg running/i)).toBe(true)
  })

  it('marks automated items with unique, stable check ids', () => {
    const checkIds = ALL_ITEMS.flatMap((i) => (i.checkId ? [i.checkId] : []))
    expect(new Set(checkIds).size).toBe(checkIds.length)
    for (const id of ['plan.inventory', 'parity.counts', 'teardown.readiness']) {
      expect(checkIds).toContain(id)
    }
    for (const item of ALL_ITEMS) {
      if (item.checkId) expect(item.checkId.split('.')[0], item.id).toBe(item.id.split('.')[0])
      // Items with checks in the checks catalog take their results from it, not from a checkId.
      if (checksOfItem(item.id).length > 0) expect(item.checkId, item.id).toBeUndefined()
    }
    expect(checksOfItem('production.sync-running').map((c) => c.id)).toEqual(['production.fresh'])
    expect(checksOfItem('monitor.target-name').map((c) => c.id)).toEqual(['monitor.target-name'])
  })

  it('mentions the practical facts implementers trip over', () => {
    const text = (id: string) => {
      const found = findItem(id)
      return `${found?.item.title} ${found?.item.detail}`
    }
    expect(text('setup.env-file')).toMatch(/medic-sentinel/)
    expect(text('setup.env-file')).toMatch(/comma-separated/)
    expect(text('setup.local-profile')).toMatch(/DBT_LOCAL_PATH/)
    expect(text('setup.dataemon-interval')).toMatch(/seconds/)
    expect(text('production.couchdb-access')).toMatch(/443/)
    expect(text('production.disk-sizing')).toMatch(/tenth/)
    expect(text('parity.deletes')).toMatch(/_deleted/)
    expect(text('monitor.metrics-reachable')).toMatch(/9399/)
    expect(text('monitor.alerts')).toMatch(/couch2pg_up/)
    expect(text('plan.separate-data')).toMatch(/public/)
  })

  // The guide lives in the shared folder beside the repository, where CI checks it out too.
  it.skipIf(!existsSync(GUIDE))('paraphrases the guide instead of copying its sentences', () => {
    const words = (s: string) => s.toLowerCase().match(/[a-z0-9_]+/g) ?? []
    const guide = ` ${words(readFileSync(GUIDE, 'utf8')).join(' ')} `
    const run = 7
    for (const text of [
      ...STEPS.map((s) => s.summary),
      ...ALL_ITEMS.map((i) => `${i.title}. ${i.detail}`),
    ]) {
      const w = words(text)
      for (let i = 0; i + run <= w.length; i++) {
        const phrase = w.slice(i, i + run).join(' ')
        expect(guide.includes(` ${phrase} `), `copied: “${phrase}”`).toBe(false)
      }
    }
  })

  it('finds items and steps by id', () => {
    expect(findItem('parity.counts')?.step.id).toBe('parity')
    expect(findItem('parity.counts')?.item.title).toMatch(/counts/i)
    expect(findItem('nope.nothing')).toBeUndefined()
    expect(findStep('monitor')?.number).toBe(6)
    expect(findStep('elsewhere')).toBeUndefined()
  })
})
