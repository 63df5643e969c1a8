import { describe, expect, it } from 'vitest'
import {
  checkHeadingId,
  checksOutcomeText,
  heldByText,
  itemHeadingId,
  reportFileName,
  splitFenced,
} from '../../../src/renderer/src/lib/check-view'

describe('splitFenced', () => {
  it('keeps text without a fence as one segment', () => {
    expect(splitFenced('Set DBT_THREAD_COUNT instead.')).toEqual([
      { kind: 'text', text: 'Set DBT_THREAD_COUNT instead.' },
    ])
  })

  it('splits prose and a fenced block, dropping the language and the fences', () => {
    const text = 'Rename the setting in .env:\n```env\nDBT_THREAD_COUNT=4\n```\nThen restart.'
    expect(splitFenced(text)).toEqual([
      { kind: 'text', text: 'Rename the setting in .env:' },
      { kind: 'code', code: 'DBT_THREAD_COUNT=4' },
      { kind: 'text', text: 'Then restart.' },
    ])
  })

  it('keeps the indentation and blank lines inside a block', () => {
    const text = '```\ncouchdb:\n  host: example\n\n  port: 443\n```'
    expect(splitFenced(text)).toEqual([
      { kind: 'code', code: 'couchdb:\n  host: example\n\n  port: 443' },
    ])
  })

  it('reads several blocks, CRLF line ends and an indented fence', () => {
    const text = 'One:\r\n  ```sh\r\ndocker compose up\r\n  ```\r\nTwo:\r\n```\r\nls\r\n```'
    expect(splitFenced(text)).toEqual([
      { kind: 'text', text: 'One:' },
      { kind: 'code', code: 'docker compose up' },
      { kind: 'text', text: 'Two:' },
      { kind: 'code', code: 'ls' },
    ])
  })

  it('runs an unclosed fence to the end, and keeps an empty block', () => {
    expect(splitFenced('Run:\n```\nmake\nmake install')).toEqual([
      { kind: 'text', text: 'Run:' },
      { kind: 'code', code: 'make\nmake install' },
    ])
    expect(splitFenced('```\n```')).toEqual([{ kind: 'code', code: '' }])
  })

  it('does not take backticks inside a line for a fence', () => {
    expect(splitFenced('Use ```inline``` quotes')).toEqual([
      { kind: 'text', text: 'Use ```inline``` quotes' },
    ])
    expect(splitFenced('')).toEqual([])
  })
})

describe('checksOutcomeText', () => {
  it('says all passed, or counts each verdict that occurred', () => {
    expect(checksOutcomeText(['pass'])).toBe('The check passed.')
    expect(checksOutcomeText(['pass', 'pass'])).toBe('All 2 checks passed.')
    expect(checksOutcomeText(['pass', 'fail', 'skipped', 'error', 'warn', 'skipped'])).toBe(
      'Of 6 checks: 1 passed, 1 warned, 1 failed, 1 could not run, 2 skipped.',
    )
    expect(checksOutcomeText(['fail'])).toBe('Of 1 check: 1 failed.')
    expect(checksOutcomeText([])).toBe('No check ran.')
  })
})

describe('names and ids', () => {
  it('makes a report file name from the title', () => {
    expect(reportFileName('The latest dbt run succeeded')).toBe(
      'cht-sync-the-latest-dbt-run-succeeded.md',
    )
    expect(reportFileName('CHT Sync migration: The latest dbt run succeeded')).toBe(
      'cht-sync-migration-the-latest-dbt-run-succeeded.md',
    )
  })

  it('gives DOM ids without dots', () => {
    expect(itemHeadingId('setup.env-file')).toBe('item-setup-env-file')
    expect(checkHeadingId('setup.env-required')).toBe('check-setup-env-required')
  })

  it('counts what holds a gate', () => {
    expect(heldByText(1)).toBe('Held by 1 thing')
    expect(heldByText(4)).toBe('Held by 4 things')
  })
})
