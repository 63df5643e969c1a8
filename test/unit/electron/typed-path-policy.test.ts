import { describe, expect, it } from 'vitest'
import { createTypedPathPolicy } from '../../../src/main/electron/typed-path-policy'

const recent = new Set(['/projects/recent.chtmig.json'])
const policy = () => createTypedPathPolicy(() => ({ isRecent: (path) => recent.has(path) }))

describe('createTypedPathPolicy (SEC-10)', () => {
  it('accepts a typed path only to open a recent project', () => {
    const rule = policy()
    expect(rule.accept('/projects/recent.chtmig.json', 'open')).toBe(true)
    expect(rule.accept('/etc/passwd', 'open')).toBe(false)
    expect(rule.accept('/projects/recent.chtmig.json', 'save')).toBe(false)
    expect(rule.accept('/projects/recent.chtmig.json', 'export')).toBe(false)
  })

  it('lets a command-line path through exactly once, and only for open', () => {
    const rule = policy()
    rule.allowOnce('/tmp/given.chtmig.json')
    expect(rule.accept('/tmp/given.chtmig.json', 'save')).toBe(false)
    expect(rule.accept('/tmp/given.chtmig.json', 'open')).toBe(true)
    expect(rule.accept('/tmp/given.chtmig.json', 'open')).toBe(false)
  })
})
