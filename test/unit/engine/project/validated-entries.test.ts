import { describe, expect, it } from 'vitest'
import { serializeProject } from '../../../../src/main/engine/project/project-file'
import {
  markValidated,
  validateForSave,
} from '../../../../src/main/engine/project/validated-entries'
import { FIRST_ITEM, largeDocument, sampleDocument } from '../../../support/project-fixtures'

describe('validation on save', () => {
  it('validates entries it has not seen, dropping keys outside the format', () => {
    const doc = sampleDocument()
    const smuggled = { ...doc.items[FIRST_ITEM]!, password: 'hunter2' }
    const out = validateForSave({ ...doc, items: { [FIRST_ITEM]: smuggled } })
    expect(out.items[FIRST_ITEM]).not.toHaveProperty('password')
    expect(serializeProject({ ...doc, items: { [FIRST_ITEM]: smuggled } })).not.toContain('hunter2')
  })

  it('names the field of an invalid entry', () => {
    const doc = sampleDocument()
    const broken = { ...doc.items[FIRST_ITEM]!, status: 'finished' as never }
    expect(() => serializeProject({ ...doc, items: { [FIRST_ITEM]: broken } })).toThrow(
      new RegExp(`failed validation at items\\.${FIRST_ITEM.replace('.', '\\.')}\\.status`),
    )
  })

  it('takes entries that already passed as they are, so saving a big project stays cheap', () => {
    const doc = largeDocument(4_000_000)
    const first = performance.now()
    validateForSave(doc)
    const cold = performance.now() - first
    markValidated(doc)
    const again = performance.now()
    const out = validateForSave(doc)
    const warm = performance.now() - again
    expect(out.items[FIRST_ITEM]).toBe(doc.items[FIRST_ITEM])
    expect(warm).toBeLessThan(cold)
  })
})
