import { describe, expect, it } from 'vitest'
import type { ItemState } from '../../../src/shared/project-schema'
import type { Signoff } from '../../../src/shared/signoff'
import { findStep } from '../../../src/shared/steps-catalog'
import {
  approvalErrors,
  approvalInstant,
  approvalsInOrder,
  changedAfterApproval,
  changedWarning,
  dayInWords,
  listInWords,
  localDay,
  nameSuggestions,
  roleSuggestions,
  signoffStanding,
} from '../../../src/renderer/src/lib/signoff-view'

const approval = (id: string, at: string, extra: Partial<Signoff> = {}): Signoff => ({
  id,
  name: `Approver ${id}`,
  role: 'Programme manager',
  at,
  note: '',
  recordedBy: 'Wanjiru',
  recordedAt: at,
  ...extra,
})

const state = (updatedAt: string | null): ItemState => ({
  status: 'done',
  note: '',
  evidence: [],
  updatedBy: 'Wanjiru',
  updatedAt,
})

const step = findStep('setup')!
const [first, second, third] = step.items

describe('approvalsInOrder', () => {
  it('sorts by the day given, then by when recorded, leaving the input alone', () => {
    const list = [
      approval('b', '2026-12-02T10:00:00Z'),
      approval('a', '2026-11-20T10:00:00Z'),
      approval('c', '2026-12-02T10:00:00Z', { recordedAt: '2026-12-01T00:00:00Z' }),
    ]
    expect(approvalsInOrder(list).map((s) => s.id)).toEqual(['a', 'c', 'b'])
    expect(list[0]!.id).toBe('b')
    expect(approvalsInOrder(undefined)).toEqual([])
  })
})

describe('changedAfterApproval', () => {
  it('lists the items updated after the latest approval, in the step order', () => {
    const items = {
      [first!.id]: state('2026-12-03T09:00:00Z'),
      [second!.id]: state('2026-12-01T09:00:00Z'),
      [third!.id]: state('2026-12-02T12:00:01Z'),
    }
    const list = [approval('old', '2026-11-01T12:00:00Z'), approval('new', '2026-12-02T12:00:00Z')]
    expect(changedAfterApproval(step, items, list)).toEqual([first!.title, third!.title])
  })

  it('is empty without an approval, or when nothing changed since', () => {
    const items = { [first!.id]: state('2026-12-01T09:00:00Z'), [second!.id]: state(null) }
    expect(changedAfterApproval(step, items, undefined)).toEqual([])
    expect(changedAfterApproval(step, items, [approval('a', '2026-12-02T12:00:00Z')])).toEqual([])
  })
})

describe('words', () => {
  it('says a day in words', () => {
    expect(dayInWords('2026-12-02T12:00:00Z', 'en-GB', 'UTC')).toBe('2 December 2026')
    expect(dayInWords('not a date')).toBe('an unknown day')
  })

  it('lists names with and, past the limit with a count', () => {
    expect(listInWords([])).toBe('')
    expect(listInWords(['A'])).toBe('A')
    expect(listInWords(['A', 'B'])).toBe('A and B')
    expect(listInWords(['A', 'B', 'C'])).toBe('A, B and C')
    expect(listInWords(['A', 'B', 'C', 'D', 'E'])).toBe('A, B, C and 2 more')
  })

  it('warns with the count and the titles, or not at all', () => {
    const latest = approval('a', '2026-12-02T12:00:00Z')
    expect(changedWarning([], latest)).toBeNull()
    expect(changedWarning(['X'], undefined)).toBeNull()
    expect(changedWarning(['X'], latest)).toMatch(
      /^1 item changed after the latest approval \(.+\): X\.$/,
    )
    expect(changedWarning(['X', 'Y'], latest)).toMatch(/^2 items changed .*: X and Y\.$/)
  })

  it('gives the standing for the overview', () => {
    expect(signoffStanding(undefined)).toBe('Not approved yet')
    expect(signoffStanding([approval('a', '2026-12-02T12:00:00Z')])).toMatch(
      /^Approved .+ by Approver a$/,
    )
    expect(
      signoffStanding([
        approval('b', '2026-12-02T12:00:00Z'),
        approval('a', '2026-11-02T12:00:00Z'),
      ]),
    ).toMatch(/by Approver b \(2 approvals\)$/)
  })
})

describe('the approval form', () => {
  const now = new Date(2026, 11, 2, 15, 30)

  it('dates today as now, an earlier day at local noon, never the future', () => {
    expect(localDay(now)).toBe('2026-12-02')
    expect(approvalInstant('2026-12-02', now)).toBe(now.toISOString())
    expect(approvalInstant('2026-11-28', now)).toBe(new Date(2026, 10, 28, 12).toISOString())
    expect(approvalInstant('2026-12-03', now)).toBeNull()
    expect(approvalInstant('2026-02-30', now)).toBeNull()
    expect(approvalInstant('02/12/2026', now)).toBeNull()
  })

  it('asks for a name and a day that is not in the future', () => {
    const draft = { name: ' Amina ', role: '', day: '2026-12-01', note: '' }
    expect(approvalErrors(draft, now)).toEqual({})
    expect(approvalErrors({ ...draft, name: '  ' }, now).name).toMatch(/name/)
    expect(approvalErrors({ ...draft, day: '' }, now).day).toMatch(/day/)
    expect(approvalErrors({ ...draft, day: '2026-12-03' }, now).day).toMatch(/future/)
    expect(approvalErrors({ ...draft, day: '2026-02-31' }, now).day).toMatch(/date/)
  })

  it('suggests your name and earlier approvers and roles, each once', () => {
    const earlier = [
      approval('a', '2026-12-01T12:00:00Z', { name: 'Amina', role: 'Programme manager' }),
      approval('b', '2026-12-01T12:00:00Z', { name: 'Wanjiru', role: '' }),
      approval('c', '2026-12-01T12:00:00Z', { name: 'Amina', role: 'Programme manager' }),
    ]
    expect(nameSuggestions(' Wanjiru ', earlier)).toEqual(['Wanjiru', 'Amina'])
    expect(nameSuggestions('', [])).toEqual([])
    expect(roleSuggestions(earlier)).toEqual(['Programme manager'])
  })
})
