import { describe, expect, it } from 'vitest'
import {
  checkCountTone,
  completionTone,
  statusTone,
  toneClass,
} from '../../../src/renderer/src/components/overview/tone'

describe('completionTone', () => {
  it('is neutral for nothing done, in progress for part, done only for all', () => {
    expect(completionTone(0, 59)).toBe('neutral')
    expect(completionTone(1, 59)).toBe('progress')
    expect(completionTone(58, 59)).toBe('progress')
    expect(completionTone(59, 59)).toBe('done')
  })

  it('is neutral for an empty list (0 of 0 is not “all done”)', () => {
    expect(completionTone(0, 0)).toBe('neutral')
  })
})

describe('statusTone', () => {
  it('never colours an empty count, nor to do or not applicable', () => {
    expect(statusTone('done', 0)).toBe('neutral')
    expect(statusTone('in_progress', 0)).toBe('neutral')
    expect(statusTone('todo', 59)).toBe('neutral')
    expect(statusTone('not_applicable', 3)).toBe('neutral')
  })

  it('gives in progress and done their tones once non-zero', () => {
    expect(statusTone('in_progress', 2)).toBe('progress')
    expect(statusTone('done', 1)).toBe('done')
  })
})

describe('checkCountTone', () => {
  it('marks failures as danger, warnings as warn, passes as done, only when non-zero', () => {
    expect(checkCountTone('failed', 1)).toBe('danger')
    expect(checkCountTone('failed', 0)).toBe('neutral')
    expect(checkCountTone('warned', 2)).toBe('warn')
    expect(checkCountTone('passed', 3)).toBe('done')
    expect(checkCountTone('passed', 0)).toBe('neutral')
    expect(checkCountTone('skipped', 4)).toBe('neutral')
    expect(checkCountTone('notRun', 17)).toBe('neutral')
  })

  it('names the class of a tone', () => {
    expect(toneClass('danger')).toBe('tone-danger')
  })
})
