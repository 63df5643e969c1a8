import { describe, expect, it } from 'vitest'
import { applyIntents } from '../../../../src/main/engine/project/apply-intents'
import { intentSchema } from '../../../../src/shared/intents'
import { AppError } from '../../../../src/shared/result'
import { SIGNOFF_LIMIT } from '../../../../src/shared/signoff'
import { sampleDocument } from '../../../support/project-fixtures'

let ids = 0
const ctx = {
  who: 'amina',
  now: new Date('2026-12-01T10:00:00Z'),
  isKnownItem: () => true,
  newId: () => `signoff-${++ids}`,
}
const approve = (name: string, extra: { at?: string; note?: string; role?: string } = {}) =>
  ({
    type: 'signoff.add',
    stepId: 'plan',
    signoff: { name, role: extra.role ?? 'Programme manager', note: extra.note ?? '', ...extra },
  }) as const

function refusal(run: () => unknown): AppError {
  try {
    run()
  } catch (e) {
    if (e instanceof AppError) return e
    throw e
  }
  throw new Error('expected a refusal')
}

describe('the sign-off intents', () => {
  it('records an approval with who recorded it and when, dated now unless a day is given', () => {
    const doc = applyIntents(
      sampleDocument(),
      [
        approve('Wanjiru Mwangi'),
        approve('सीता शर्मा', { at: '2026-11-28T09:00:00.000Z', role: 'Data officer' }),
      ],
      ctx,
    )
    expect(doc.signoff.plan).toEqual([
      {
        id: expect.stringMatching(/^signoff-/),
        name: 'Wanjiru Mwangi',
        role: 'Programme manager',
        at: '2026-12-01T10:00:00.000Z',
        note: '',
        recordedBy: 'amina',
        recordedAt: '2026-12-01T10:00:00.000Z',
      },
      expect.objectContaining({
        name: 'सीता शर्मा',
        role: 'Data officer',
        at: '2026-11-28T09:00:00.000Z',
      }),
    ])
    expect(doc.signoff.setup).toBeUndefined()
    expect(doc.updatedAt).toBe('2026-12-01T10:00:00.000Z')
  })

  it('masks a credential pasted into the note and removes an approval by id', () => {
    let doc = applyIntents(
      sampleDocument(),
      [approve('Omondi', { note: 'Checked on postgres://admin:s3cret@db.example.org/analytics' })],
      ctx,
    )
    const entry = doc.signoff.plan![0]!
    expect(entry.note).not.toContain('s3cret')
    doc = applyIntents(doc, [{ type: 'signoff.remove', stepId: 'plan', id: entry.id }], ctx)
    expect(doc.signoff.plan).toEqual([])
  })

  it('refuses an unknown id, a date in the future and more than the limit, changing nothing', () => {
    const doc = sampleDocument()
    expect(
      refusal(() => applyIntents(doc, [{ type: 'signoff.remove', stepId: 'plan', id: 'x' }], ctx))
        .code,
    ).toBe('NOT_FOUND')
    const future = refusal(() =>
      applyIntents(doc, [approve('Asha', { at: '2026-12-05T10:00:00.000Z' })], ctx),
    )
    expect(future.message).toMatch(/future/)
    const many = Array.from({ length: SIGNOFF_LIMIT + 1 }, (_, i) => approve(`Approver ${i}`))
    expect(refusal(() => applyIntents(doc, many, ctx)).message).toMatch(/at most/)
    expect(doc.signoff).toEqual({})
  })

  it('validates the intent: a name is needed and the step must be one of the seven', () => {
    expect(intentSchema.safeParse(approve('  ')).success).toBe(false)
    expect(intentSchema.safeParse({ ...approve('Asha'), stepId: 'deploy' }).success).toBe(false)
    expect(intentSchema.safeParse(approve('Asha')).success).toBe(true)
  })
})
