import { describe, expect, it } from 'vitest'
import {
  chunkKeys,
  draftFor,
  isDay,
  suggestedModelName,
  validateBulk,
  validateDraft,
  type DecisionDraft,
} from '../../../../src/renderer/src/lib/inventory-decision'
import { decisionInputSchema } from '../../../../src/shared/inventory/decisions'
import { decision, mapping, obj } from './fixtures'

const draft = (extra: Partial<DecisionDraft>): DecisionDraft => ({
  action: null,
  models: [],
  newModel: 'new_model',
  owner: '',
  due: '',
  note: '',
  ...extra,
})

describe('the decision form', () => {
  it('starts from the mapping, or from the decision made', () => {
    const o = obj('view', 'Formview Pregnancy!', {
      mapping: mapping('medium', ['data_record', 'couchdb', 'contact']),
    })
    expect(draftFor(o, undefined)).toEqual({
      action: null,
      models: ['data_record', 'contact'],
      newModel: 'formview_pregnancy',
      owner: '',
      due: '',
      note: '',
    })
    expect(
      draftFor(
        o,
        decision('rebuild', { models: ['pregnancies'], owner: 'Ana', due: '2026-06-30' }),
      ),
    ).toMatchObject({ action: 'rebuild', newModel: 'pregnancies', owner: 'Ana', due: '2026-06-30' })
    expect(draftFor(o, decision('replace', { models: ['person'] })).models).toEqual(['person'])
    expect(suggestedModelName({ name: '2024 report' })).toBe('m_2024_report')
    expect(suggestedModelName({ name: '!!!' })).toBe('m')
  })

  it('sends what the action needs, trimmed, and a valid intent', () => {
    const rebuild = validateDraft(
      draft({
        action: 'rebuild',
        newModel: ' pregnancies ',
        owner: ' Ana ',
        note: ' For the ANC dashboard. ',
      }),
    )
    expect(rebuild).toEqual({
      ok: true,
      input: {
        action: 'rebuild',
        models: ['pregnancies'],
        owner: 'Ana',
        due: null,
        note: 'For the ANC dashboard.',
      },
    })
    if (rebuild.ok) expect(decisionInputSchema.parse(rebuild.input)).toEqual(rebuild.input)
    const replace = validateDraft(
      draft({ action: 'replace', models: ['contact'], due: '2026-12-31' }),
    )
    expect(replace).toMatchObject({ ok: true, input: { models: ['contact'], due: '2026-12-31' } })
    const retire = validateDraft(draft({ action: 'retire', models: ['contact'] }))
    expect(retire).toMatchObject({ ok: true, input: { action: 'retire', models: [] } })
  })

  it('says what is missing or wrong', () => {
    expect(validateDraft(draft({}))).toMatchObject({
      ok: false,
      errors: { action: expect.any(String) },
    })
    expect(validateDraft(draft({ action: 'replace' }))).toMatchObject({
      ok: false,
      errors: { models: 'Choose at least one base model.' },
    })
    expect(validateDraft(draft({ action: 'rebuild', newModel: '1model' }))).toMatchObject({
      ok: false,
      errors: { newModel: expect.stringContaining('letters, digits and underscores') },
    })
    expect(validateDraft(draft({ action: 'retire', due: '2026-02-30' }))).toMatchObject({
      ok: false,
      errors: { due: expect.any(String) },
    })
    expect(validateDraft(draft({ action: 'retire', owner: 'x'.repeat(201) }))).toMatchObject({
      ok: false,
      errors: { owner: expect.any(String) },
    })
    expect([
      isDay('2026-02-28'),
      isDay('2026-02-29'),
      isDay('2028-02-29'),
      isDay('28/02/2026'),
    ]).toEqual([true, false, true, false])
  })
})

describe('the bulk decision', () => {
  it('leaves out what is not given, so each object keeps its own', () => {
    expect(validateBulk({ action: 'retire', owner: '', due: '' })).toEqual({
      ok: true,
      input: { action: 'retire' },
    })
    expect(validateBulk({ action: 'rebuild', owner: ' Data team ', due: '2026-09-01' })).toEqual({
      ok: true,
      input: { action: 'rebuild', owner: 'Data team', due: '2026-09-01' },
    })
    expect(validateBulk({ action: '', owner: '', due: 'soon' })).toMatchObject({
      ok: false,
      errors: { action: expect.any(String), due: expect.any(String) },
    })
  })

  it('splits a large selection into intents of the allowed size', () => {
    const keys = Array.from({ length: 12 }, (_, i) => `view:public.v${i}`)
    expect(chunkKeys(keys, 5).map((c) => c.length)).toEqual([5, 5, 2])
    expect(chunkKeys([], 5)).toEqual([])
  })
})
