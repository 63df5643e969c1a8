import { describe, expect, it } from 'vitest'
import {
  buildDbtScaffold,
  planScaffold,
  type ScaffoldFile,
} from '../../../../../src/main/engine/inventory/scaffold/build-scaffold'
import { PIPELINE_GIT_URL } from '../../../../../src/shared/inventory/cht-pipeline-models'
import { couchdbTable, filter, formview, view } from '../../../../support/inventory-objects'
import { dbtProjectProblems } from '../../../../support/dbt-project-check'
import { demoInput, demoInventory, rebuild } from './scaffold-fixtures'

const file = (files: ScaffoldFile[], path: string) => {
  const found = files.find((f) => f.path === path)
  if (!found) throw new Error(`no ${path} in ${files.map((f) => f.path).join(', ')}`)
  return found.content
}

describe('buildDbtScaffold: the project', () => {
  const files = buildDbtScaffold(demoInput())

  it('parses as a dbt project', () => {
    expect(dbtProjectProblems(files)).toEqual([])
  })

  it('writes the project files and one model per object', () => {
    expect(files.map((f) => f.path)).toEqual([
      'dbt_project.yml',
      'packages.yml',
      'README.md',
      'models/schema.yml',
      'models/anc_pregnancy.sql',
      'models/contact_custom.sql',
      'models/contactview_chw_hierarchy.sql',
      'models/get_panel.sql',
      'models/population_targets.sql',
      'models/useview_pregnancy_monthly.sql',
      'models/useview_tasks.sql',
    ])
    expect(file(files, 'dbt_project.yml')).toMatch(/^name: kenya_cht_sync_migration$/m)
    expect(file(files, 'dbt_project.yml')).toMatch(/^profile: default$/m)
    expect(file(files, 'packages.yml')).toContain(`git: ${PIPELINE_GIT_URL}\n    revision: v2.0.0`)
  })

  it('pins another cht-pipeline tag when asked', () => {
    const other = buildDbtScaffold({ ...demoInput(), pipelineTag: 'v2.1.0' })
    expect(file(other, 'packages.yml')).toContain('revision: v2.1.0')
  })

  it('tests the key column of each model that has one', () => {
    const schema = file(files, 'models/schema.yml')
    expect(schema).toContain(
      '- name: uuid\n        description: data_record.uuid\n        data_tests:\n          - unique\n          - not_null',
    )
    // population_targets' key comes from its unique index; it is only a placeholder, so untested.
    expect(schema).not.toMatch(/name: area_uuid\n\s+description: [^\n]+\n\s+data_tests/)
  })

  it('says in the README what was generated, from where, and what to review', () => {
    const readme = file(files, 'README.md')
    expect(readme).toContain('`couch2pg_kenya` on 2025-03-02T09:30:00.000Z')
    expect(readme).toContain('- `get_panel` (`get_panel`): Builds SQL at run time')
    expect(readme).toContain('`reports.contact`: `contact` became `contact_custom`.')
    expect(readme).toContain(
      '`models/anc_pregnancy.sql` from `formview_pregnancy` (medium): incremental',
    )
  })
})

describe('buildDbtScaffold: model SQL', () => {
  const files = buildDbtScaffold(demoInput())

  it('selects a formview from data_record and the raw table, incrementally over a large table', () => {
    const sql = file(files, 'models/anc_pregnancy.sql')
    expect(sql).toContain("materialized='incremental',\n    unique_key='uuid'")
    expect(sql).toContain('  data_record.uuid AS uuid,')
    expect(sql).toContain('  data_record.contact_uuid AS reported_by, -- matched by name')
    expect(sql).toContain("  NULLIF(raw.doc->'fields'->>'lmp_date', '')::date AS lmp_date,")
    expect(sql).toContain('  NULL::boolean AS high_risk, -- TODO(review)')
    expect(sql).toContain("FROM {{ ref('data_record') }} data_record")
    expect(sql).toContain(
      "INNER JOIN {{ source('couchdb', env_var('POSTGRES_TABLE')) }} raw\n  ON raw._id = data_record.uuid AND NOT raw._deleted",
    )
    expect(sql).toContain(
      "WHERE data_record.form IN ('pregnancy')\n{% if is_incremental() %}\n  AND data_record.saved_timestamp >= (SELECT COALESCE(MAX(saved_timestamp), '1970-01-01') FROM {{ this }})\n{% endif %}",
    )
    // The old definition is kept as comments, its Jinja made inert.
    expect(sql).toContain('-- CREATE OR REPLACE VIEW formview_pregnancy AS')
    expect(sql).toContain('-- { { not jinja } }')
  })

  it('uses a materialized view below the large-table threshold', () => {
    const small = buildDbtScaffold(demoInput(demoInventory(999_999)))
    const sql = file(small, 'models/anc_pregnancy.sql')
    expect(sql).toContain("materialized='materialized_view'")
    expect(sql).not.toContain('is_incremental')
    expect(sql).not.toContain('saved_timestamp AS saved_timestamp')
  })

  it('refs rebuilt upstream objects by their new names, and keeps aggregations for review', () => {
    const sql = file(files, 'models/useview_pregnancy_monthly.sql')
    expect(sql).toContain("FROM {{ ref('anc_pregnancy') }} anc_pregnancy")
    expect(sql).toContain('  anc_pregnancy.chw_area_uuid AS chw_area_uuid,')
    expect(sql).toContain("materialized='materialized_view'")
    expect(sql).toContain('-- TODO(review): The old definition uses GROUP BY')
  })

  it('filters documents without a base model through document_metadata', () => {
    const sql = file(files, 'models/useview_tasks.sql')
    expect(sql).toContain("WHERE document_metadata.doc_type IN ('task')")
    expect(sql).toContain("  raw.doc->>'owner' AS owner,")
    expect(sql).toContain("compares doc.state with 'Completed'")
  })

  it('flags what it cannot translate: a dynamic function, a table to seed', () => {
    const panel = file(files, 'models/get_panel.sql')
    expect(panel).toContain("materialized='materialized_view'")
    expect(panel).toContain('-- TODO(review): Builds SQL at run time')
    expect(panel).toContain('-- TODO(review): A function becomes a model without parameters')
    const targets = file(files, 'models/population_targets.sql')
    expect(targets).toContain('dbt seed')
    expect(targets).toMatch(/NULL::text AS target -- TODO\(review\)[^\n]*\nWHERE false/)
  })

  it('maps contact type filters onto contact.contact_type', () => {
    expect(file(files, 'models/contact_custom.sql')).toContain(
      "WHERE contact.contact_type IN ('person')",
    )
  })
})

describe('buildDbtScaffold: hostile and odd input', () => {
  it('stays a valid project with Jinja, quotes and odd names in the old database', () => {
    const couchdb = couchdbTable(10)
    const odd = formview("it's {{ form }}", ['q{%1%}', "o'k"], {
      definition: "SELECT '{{ evil() }}', '{% raw %}' AS \"x}}\" -- #}",
      columns: ['uuid', 'Weird Name', 'select', 'x}}', "o'k"],
      analysis: { filters: [filter('form', "{{ var('x') }}", 'ok')] },
    })
    const objects = [couchdb, odd, view('123 Report!', { columns: ['id'] })]
    const files = buildDbtScaffold({
      rebuild: objects.slice(1).map((object) => ({ object, decision: rebuild() })),
      objects,
      projectName: '{{ project }}',
      rawTable: { schema: '{{ s }}', table: 'couchdb' },
      inventory: { database: 'db', scannedAt: null },
    })
    expect(dbtProjectProblems(files)).toEqual([])
    expect(files.map((f) => f.path)).toContain('models/m_123_report.sql')
    expect(files.map((f) => f.path)).toContain('models/formview_it_s_form.sql')
  })

  it('reads the base models when an upstream custom object is not rebuilt, and says so', () => {
    const objects = demoInventory()
    const monthly = objects.find((o) => o.name === 'useview_pregnancy_monthly')!
    const plans = planScaffold({ rebuild: [{ object: monthly, decision: rebuild() }], objects })
    expect(plans).toHaveLength(1)
    expect(plans[0]!.refs).toEqual(['data_record'])
    expect(plans[0]!.todos.join(' ')).toContain(
      'formview_pregnancy, which this scaffold does not rebuild',
    )
  })
})
