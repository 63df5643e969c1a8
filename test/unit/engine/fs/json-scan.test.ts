import { describe, expect, it } from 'vitest'
import {
  jsonErrorOffset,
  jsonNestingDepth,
  lineAndColumn,
} from '../../../../src/main/engine/fs/json-scan'

describe('jsonNestingDepth', () => {
  it.each([
    ['1', 0],
    ['{}', 1],
    ['{"a": [1, {"b": []}]}', 4],
    ['{"a": "[[[[{{{{"}', 1],
    ['{"a": "\\"[[["}', 1],
    ['{"a": "\\\\", "b": [[1]]}', 3],
    ['[[[[', 4],
  ])('%s nests %i levels', (text, depth) => {
    expect(jsonNestingDepth(text)).toBe(depth)
  })

  it('scans a million levels in linear time', () => {
    const started = performance.now()
    expect(jsonNestingDepth('['.repeat(1_000_000))).toBe(1_000_000)
    expect(performance.now() - started).toBeLessThan(1000)
  })
})

describe('jsonErrorOffset', () => {
  const valid = [
    '{}',
    '[]',
    ' {"a": [1, -2.5e+3, 0, true, false, null, "x\\u00e9\\n"], "b": {}} \n',
    '"text"',
    '0',
  ]
  it.each(valid)('finds nothing wrong in %s', (text) => {
    expect(() => JSON.parse(text)).not.toThrow()
    expect(jsonErrorOffset(text)).toBeNull()
  })

  it.each([
    ['{"a": x}', 6],
    ['[1,,2]', 3],
    ['{"a": tru }', 9],
    ['{"a": nul, "b":1}', 9],
    ['{"a" 1}', 5],
    ['{"a": 1 "b": 2}', 8],
    ['{"a": 1]', 7],
    ['{"a": 1}~', 8],
    ['{"a": "x\ny"}', 8],
    ['{"a": "\\q"}', 8],
    ['{"a": 01}', 7],
    ['{"a": 1.x}', 8],
    ['\u0000\u0000', 0],
  ])('locates the error in %s at %i', (text, offset) => {
    expect(() => JSON.parse(text)).toThrow()
    expect(jsonErrorOffset(text)).toBe(offset)
  })

  it.each([
    '{',
    '{"a"',
    '{"a": ',
    '{"a": "Ken',
    '{"a": 12',
    '{"a": tr',
    '{"a": 1,',
    '[1, 2',
    '{"a": -',
    '{"a": 1.',
    '{"a": 1e',
    '{"a": "\\u00',
    '{"a": "\\',
  ])('says %s ends too early (offset = length)', (text) => {
    expect(() => JSON.parse(text)).toThrow()
    expect(jsonErrorOffset(text)).toBe(text.length)
  })
})

describe('lineAndColumn', () => {
  it('counts lines and columns from 1', () => {
    expect(lineAndColumn('ab\ncd\nef', 0)).toEqual({ line: 1, column: 1 })
    expect(lineAndColumn('ab\ncd\nef', 4)).toEqual({ line: 2, column: 2 })
    expect(lineAndColumn('ab\ncd\nef', 6)).toEqual({ line: 3, column: 1 })
  })
})
