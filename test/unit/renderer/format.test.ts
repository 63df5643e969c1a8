import { describe, expect, it } from 'vitest'
import {
  baseName,
  dirName,
  joinPath,
  relativeTime,
  slugify,
  withExtension,
} from '../../../src/renderer/src/lib/format'

const NOW = Date.parse('2026-09-01T12:00:00Z')
const ago = (ms: number) => new Date(NOW - ms).toISOString()
const MIN = 60_000
const DAY = 24 * 60 * MIN

describe('relativeTime', () => {
  it('says “just now” for the last 45 seconds', () => {
    expect(relativeTime(ago(10_000), NOW)).toBe('just now')
  })

  it('counts minutes, hours, days, weeks, months and years', () => {
    expect(relativeTime(ago(5 * MIN), NOW)).toBe('5 minutes ago')
    expect(relativeTime(ago(3 * 60 * MIN), NOW)).toBe('3 hours ago')
    expect(relativeTime(ago(DAY), NOW)).toBe('yesterday')
    expect(relativeTime(ago(30 * DAY), NOW)).toBe('4 weeks ago')
    expect(relativeTime(ago(90 * DAY), NOW)).toBe('3 months ago')
    expect(relativeTime(ago(800 * DAY), NOW)).toBe('2 years ago')
  })

  it('handles a time in the future and an unreadable one', () => {
    expect(relativeTime(new Date(NOW + 2 * 60 * MIN).toISOString(), NOW)).toBe('in 2 hours')
    expect(relativeTime('soon', NOW)).toBe('at an unknown time')
  })
})

describe('paths and names', () => {
  it('slugifies a project name into a file-name-safe word list', () => {
    expect(slugify('Kenya – CHIS analytics')).toBe('kenya-chis-analytics')
    expect(slugify('Côte d’Ivoire 2026')).toBe('cote-d-ivoire-2026')
    expect(slugify('***')).toBe('migration')
    expect(slugify('a'.repeat(100)).length).toBe(60)
  })

  it('joins with the folder’s own separator', () => {
    expect(joinPath('/home/amina/cht-migrations', 'x.chtmig.json')).toBe(
      '/home/amina/cht-migrations/x.chtmig.json',
    )
    expect(joinPath('/home/amina/', 'x.json')).toBe('/home/amina/x.json')
    expect(joinPath('C:\\Users\\amina\\Documents', 'x.json')).toBe(
      'C:\\Users\\amina\\Documents\\x.json',
    )
    expect(joinPath('', 'x.json')).toBe('x.json')
  })

  it('splits paths of either kind', () => {
    expect(baseName('/srv/p/kenya.chtmig.json')).toBe('kenya.chtmig.json')
    expect(baseName('C:\\p\\kenya.chtmig.json')).toBe('kenya.chtmig.json')
    expect(dirName('/srv/p/kenya.chtmig.json')).toBe('/srv/p')
    expect(dirName('/kenya.chtmig.json')).toBe('/')
    expect(dirName('kenya.chtmig.json')).toBe('')
  })

  it('swaps the project extension for another', () => {
    expect(withExtension('/p/kenya.chtmig.json', '.md')).toBe('/p/kenya.md')
    expect(withExtension('/p/kenya.json', '.md')).toBe('/p/kenya.md')
  })
})
