import { describe, expect, it } from 'vitest'
import {
  COMPLEXITY_THRESHOLDS,
  complexityFacts,
  complexityOf,
  type ComplexityFacts,
} from '../../../../../src/main/engine/inventory/mapping/complexity'
import { customDepths } from '../../../../../src/main/engine/inventory/mapping/custom-depth'
import { mapObjects } from '../../../../../src/main/engine/inventory/mapping/map-objects'
import { couchdbTable, fn, formview, matview, view } from '../../../../support/inventory-objects'

const facts = (over: Partial<ComplexityFacts> = {}): ComplexityFacts => ({
  paths: 0,
  depth: 0,
  functions: 0,
  plpgsql: false,
  references: 1,
  dynamicSql: false,
  manualReview: null,
  parseError: null,
  unreadable: null,
  table: false,
  ...over,
})

const band = (over: Partial<ComplexityFacts>) => complexityOf(facts(over)).complexity
const t = COMPLEXITY_THRESHOLDS

describe('complexityOf', () => {
  it('is simple up to the simple thresholds, medium just past them', () => {
    expect(band({ paths: t.simplePaths, depth: t.simpleDepth })).toBe('simple')
    expect(band({ paths: t.simplePaths + 1 })).toBe('medium')
    expect(band({ depth: t.simpleDepth + 1 })).toBe('medium')
    expect(band({ functions: 1 })).toBe('medium')
    expect(band({ plpgsql: true, references: t.plpgsqlReferences })).toBe('medium')
    expect(band({ table: true })).toBe('medium')
  })

  it('is significant past the significant thresholds', () => {
    expect(band({ paths: t.significantPaths })).toBe('medium')
    expect(band({ paths: t.significantPaths + 1 })).toBe('significant')
    expect(band({ depth: t.significantDepth - 1 })).toBe('medium')
    expect(band({ depth: t.significantDepth })).toBe('significant')
    expect(band({ functions: t.significantFunctions + 1 })).toBe('significant')
    expect(band({ plpgsql: true, references: t.plpgsqlReferences + 1 })).toBe('significant')
  })

  it('is significant for dynamic SQL, a parse error or an unreadable definition, whatever else', () => {
    const dynamic = 'Builds SQL at run time (EXECUTE format(...)); it reads formview_%s.'
    expect(complexityOf(facts({ dynamicSql: true, manualReview: dynamic }))).toEqual({
      complexity: 'significant',
      reasons: [dynamic],
    })
    expect(band({ parseError: 'syntax error at or near "LATERAL"' })).toBe('significant')
    expect(band({ unreadable: 'permission denied for view v' })).toBe('significant')
  })

  it('explains the band in sentences', () => {
    expect(complexityOf(facts({ paths: 14, depth: 3, functions: 1 })).reasons).toEqual([
      '3 levels of custom objects below it.',
      'Reads 14 JSON paths.',
      'Calls 1 function.',
    ])
    expect(complexityOf(facts({ plpgsql: true, references: 5 })).reasons).toEqual([
      'Written in PL/pgSQL, naming 5 objects.',
    ])
    expect(complexityOf(facts()).reasons).toEqual([
      'No JSON paths, custom objects or functions to translate.',
    ])
  })
})

describe('complexity of mapped objects', () => {
  it('counts levels of custom objects below, not couch2pg’s', () => {
    const metadata = matview('contactview_metadata', { origin: 'couch2pg' })
    const pregnancy = formview('pregnancy', ['edd'])
    const monthly = view('useview_monthly', { dependsOn: [pregnancy.key, metadata.key] })
    const dashboard = matview('useview_dashboard', { dependsOn: [monthly.key] })
    const getter = fn('get_dashboard', { args: '', dependsOn: [dashboard.key] })
    const objects = [getter, dashboard, monthly, pregnancy, metadata, couchdbTable()]
    const depths = customDepths(objects)
    expect(depths.get(pregnancy.key)).toBe(0)
    expect(depths.get(monthly.key)).toBe(1)
    expect(depths.get(getter.key)).toBe(3)
    const mappings = mapObjects(objects)
    expect(mappings.get(pregnancy.key)!.complexity).toBe('simple')
    expect(mappings.get(dashboard.key)!.complexity).toBe('medium')
    expect(mappings.get(getter.key)).toMatchObject({
      complexity: 'significant',
      reasons: ['3 levels of custom objects below it.'],
    })
  })

  it('reads the facts from the object: PL/pgSQL, functions called, dynamic SQL', () => {
    const scorecard = fn('get_scorecard', {
      args: 'date',
      language: 'plpgsql',
      dependsOn: ['function:public.helper(text)', 'view:public.v'],
      analysis: {
        references: ['v', 'helper'],
        manualReview: 'Builds SQL at run time with EXECUTE: what it reads is a guess.',
      },
    })
    expect(complexityFacts(scorecard, 0)).toMatchObject({
      functions: 1,
      plpgsql: true,
      references: 2,
      dynamicSql: true,
    })
  })

  it('maps a chain of 20,000 views without running out of stack', () => {
    const objects = Array.from({ length: 20_000 }, (_, i) =>
      view(`v${i}`, { dependsOn: i === 0 ? [] : [`view:public.v${i - 1}`] }),
    )
    const mappings = mapObjects(objects)
    expect(mappings.size).toBe(20_000)
    expect(mappings.get('view:public.v19999')!.reasons).toContain(
      '19999 levels of custom objects below it.',
    )
  })
})
