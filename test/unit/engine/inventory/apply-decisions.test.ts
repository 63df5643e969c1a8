import { describe, expect, it } from 'vitest'
import { applyIntents } from '../../../../src/main/engine/project/apply-intents'
import { sampleDocument } from '../../../support/project-fixtures'

const ctx = (who: string, iso: string) => ({
  who,
  now: new Date(iso),
  isKnownItem: () => true,
})

describe('inventory decisions', () => {
  it('decides one object, then a bulk decision keeps each owner and note', () => {
    const one = applyIntents(
      sampleDocument(),
      [
        {
          type: 'inventory.decide',
          keys: ['view:public.a'],
          decision: { action: 'replace', models: ['contact'], owner: 'Amina', note: 'CHW list' },
        },
      ],
      ctx('amina', '2026-12-01T10:00:00Z'),
    )
    expect(one.inventory.decisions['view:public.a']).toEqual({
      action: 'replace',
      models: ['contact'],
      owner: 'Amina',
      due: null,
      note: 'CHW list',
      decidedBy: 'amina',
      decidedAt: '2026-12-01T10:00:00.000Z',
    })
    const bulk = applyIntents(
      one,
      [
        {
          type: 'inventory.decide',
          keys: ['view:public.a', 'view:public.b'],
          decision: { action: 'retire' },
        },
      ],
      ctx('otieno', '2026-12-02T10:00:00Z'),
    )
    expect(bulk.inventory.decisions['view:public.a']).toMatchObject({
      action: 'retire',
      models: [],
      owner: 'Amina',
      note: 'CHW list',
      decidedBy: 'otieno',
    })
    expect(bulk.inventory.decisions['view:public.b']).toMatchObject({ action: 'retire', owner: '' })
    expect(one.inventory.decisions['view:public.b']).toBeUndefined()
  })

  it('masks a password pasted into a note, and clears decisions', () => {
    const doc = applyIntents(
      sampleDocument(),
      [
        {
          type: 'inventory.decide',
          keys: ['view:public.a'],
          decision: { action: 'rebuild', note: 'read with postgres://u:hunter2@db/x' },
        },
      ],
      ctx('a', '2026-12-01T10:00:00Z'),
    )
    expect(doc.inventory.decisions['view:public.a']!.note).not.toContain('hunter2')
    const cleared = applyIntents(
      doc,
      [{ type: 'inventory.clearDecision', keys: ['view:public.a', 'view:public.gone'] }],
      ctx('a', '2026-12-01T11:00:00Z'),
    )
    expect(cleared.inventory.decisions).toEqual({})
  })

  it('refuses a due date that is not a date, changing nothing', () => {
    const before = sampleDocument()
    expect(() =>
      applyIntents(
        before,
        [
          {
            type: 'inventory.decide',
            keys: ['view:public.a'],
            decision: { action: 'retire', due: 'soon' as never },
          },
        ],
        ctx('a', '2026-12-01T10:00:00Z'),
      ),
    ).toThrow(/inventory\.decisions/)
    expect(before.inventory.decisions).toEqual({})
  })
})
