import { describe, expect, it } from 'vitest'
import { COMMAND_LANGUAGES } from '../../../../src/shared/commands/command-types'
import { COMMANDS_OF_ITEM, commandsOfItem } from '../../../../src/shared/commands/registry'
import { findItem } from '../../../../src/shared/steps-catalog'
import { connectedSource, emptySource } from './command-fixtures'

describe('the commands of each item', () => {
  it('belong to items of the checklist', () => {
    for (const itemId of Object.keys(COMMANDS_OF_ITEM)) {
      expect(findItem(itemId), itemId).toBeDefined()
    }
  })

  it('are complete blocks with ids unique within their item, with or without connections', () => {
    for (const source of [connectedSource(), emptySource()]) {
      for (const itemId of Object.keys(COMMANDS_OF_ITEM)) {
        const blocks = commandsOfItem(itemId, source)
        expect(blocks.length, itemId).toBeGreaterThan(0)
        expect(new Set(blocks.map((b) => b.id)).size, itemId).toBe(blocks.length)
        for (const b of blocks) {
          expect(COMMAND_LANGUAGES).toContain(b.language)
          expect(b.title.length, b.id).toBeGreaterThan(3)
          expect(b.purpose.length, b.id).toBeGreaterThan(20)
          expect(b.text.trim().length, b.id).toBeGreaterThan(10)
          expect(b.text, b.id).not.toMatch(/\b(undefined|null|NaN)\b|\[object Object\]/)
        }
      }
    }
  })

  it('say what is missing only when something is', () => {
    const connected = commandsOfItem('parity.counts', connectedSource())
    expect(connected.flatMap((b) => b.missing)).toEqual([])
    const empty = commandsOfItem('parity.counts', emptySource())
    expect(empty.every((b) => b.missing.length > 0)).toBe(true)
  })

  it('are none for an item without commands or an unknown id', () => {
    expect(commandsOfItem('plan.connections', connectedSource())).toEqual([])
    expect(commandsOfItem('toString', connectedSource())).toEqual([])
  })
})
