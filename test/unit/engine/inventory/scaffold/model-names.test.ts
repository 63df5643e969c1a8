import { describe, expect, it } from 'vitest'
import {
  assignModelNames,
  DBT_IDENTIFIER,
  defaultModelName,
} from '../../../../../src/main/engine/inventory/scaffold/model-names'
import { fn, view } from '../../../../support/inventory-objects'
import { rebuild } from './scaffold-fixtures'

describe('defaultModelName', () => {
  it('keeps a plain name and makes any other a dbt identifier', () => {
    expect(defaultModelName('formview_pregnancy')).toBe('formview_pregnancy')
    expect(defaultModelName('Useview ANC/PNC (2024)')).toBe('useview_anc_pnc_2024')
    expect(defaultModelName('2024_targets')).toBe('m_2024_targets')
    expect(defaultModelName('!!!')).toBe('model')
    expect(defaultModelName('x'.repeat(80))).toHaveLength(63)
    for (const n of ['é', 'a b', '9', '_x_', 'x'.repeat(99)]) {
      expect(defaultModelName(n)).toMatch(DBT_IDENTIFIER)
    }
  })
})

describe('assignModelNames', () => {
  it('uses the decision’s name, else the object’s, clear of cht-pipeline and of each other', () => {
    const pregnancy = view('formview_pregnancy')
    const contact = view('contact', { schema: 'reports' })
    const twin = view('formview_pregnancy', { schema: 'reports' })
    const overloads = [fn('f', { args: 'date' }), fn('f', { args: 'int' })]
    const names = assignModelNames([
      { object: pregnancy, decision: rebuild('anc') },
      { object: contact, decision: rebuild() },
      { object: twin, decision: rebuild() },
      { object: overloads[0]!, decision: rebuild() },
      { object: overloads[1]!, decision: rebuild() },
      { object: view('data_record_ext'), decision: rebuild('data_record') },
      { object: view('x'), decision: rebuild('anc') },
    ])
    expect(Object.fromEntries(names)).toEqual({
      'view:public.formview_pregnancy': 'anc',
      'view:reports.contact': 'contact_custom',
      'view:reports.formview_pregnancy': 'formview_pregnancy',
      'function:public.f(date)': 'f',
      'function:public.f(int)': 'f_2',
      'view:public.data_record_ext': 'data_record_custom',
      'view:public.x': 'anc_2',
    })
  })

  it('does not depend on the order of the entries', () => {
    const entries = ['b', 'a', 'a2'].map((n, i) => ({
      object: view(n, { schema: `s${i}` }),
      decision: rebuild(n === 'a2' ? 'a' : undefined),
    }))
    const forward = Object.fromEntries(assignModelNames(entries))
    expect(Object.fromEntries(assignModelNames([...entries].reverse()))).toEqual(forward)
    expect(forward).toEqual({ 'view:s0.b': 'b', 'view:s1.a': 'a_2', 'view:s2.a2': 'a' })
  })
})
