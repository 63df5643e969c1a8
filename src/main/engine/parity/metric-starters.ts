import { qualified } from '../db/identifiers'
import type { MetricSpec } from './metric-compare'

/**
 * The replica dashboard's starter tiles, suggested from what the two databases hold: reports per
 * form per month, active health workers per month, new contacts per month and, when a delivery
 * form exists, deliveries per facility. Each reads the old pipeline's objects where the
 * deployment has them (`form_metadata`, `contactview_metadata`) and cht-pipeline's models on the
 * new side (`data_record`, `contact`), or the raw tables when those are missing. Months are UTC.
 */

/** How a `reported` column is typed: couch2pg's `form_metadata` uses UTC wall time. */
export type ReportedType = 'timestamp' | 'timestamptz'

export interface StarterContext {
  old: {
    /** The schema of couch2pg's tables and views. */
    schema: string
    formMetadata: { reported: ReportedType } | null
    contactviewMetadata: { reported: ReportedType } | null
  }
  new: {
    schema: string
    /** The raw table (`couchdb` by default). */
    table: string
    dataRecord: boolean
    contact: boolean
  }
  /** The form code of deliveries (`delivery` in CHT's default configuration), if one exists. */
  deliveryForm: string | null
}

/** A starter tile: a metric with its id and title. */
export interface MetricStarter extends MetricSpec {
  id: string
  title: string
}

const month = (expr: string, type: ReportedType) =>
  `to_char(date_trunc('month', ${type === 'timestamptz' ? `${expr} AT TIME ZONE 'UTC'` : expr}), 'YYYY-MM')`
const rawReported = (doc: string) =>
  `to_timestamp(((${doc}->>'reported_date')::numeric / 1000)::double precision)`
const CONTACT_TYPES = `('contact', 'clinic', 'district_hospital', 'health_center', 'person')`

/** The SQL of each side for reports: `form`, `month`, `chw`, `area` per report. */
function reportRows(ctx: StarterContext): { old: string; new: string } {
  const fm = ctx.old.formMetadata
  const old = fm
    ? `SELECT formname AS form, ${month('reported', fm.reported)} AS month, chw, chw_area AS area
         FROM ${qualified(ctx.old.schema, 'form_metadata')}`
    : `SELECT doc->>'form' AS form, ${month(rawReported('doc'), 'timestamptz')} AS month,
              doc#>>'{contact,_id}' AS chw, doc#>>'{contact,parent,_id}' AS area
         FROM ${qualified(ctx.old.schema, 'couchdb')}
        WHERE doc->>'type' = 'data_record' AND doc->>'form' IS NOT NULL`
  const neu = ctx.new.dataRecord
    ? `SELECT form, ${month('reported', 'timestamptz')} AS month, contact_uuid AS chw,
              parent_uuid AS area
         FROM ${qualified(ctx.new.schema, 'data_record')}`
    : `SELECT doc->>'form' AS form, ${month(rawReported('doc'), 'timestamptz')} AS month,
              doc#>>'{contact,_id}' AS chw, doc#>>'{contact,parent,_id}' AS area
         FROM ${qualified(ctx.new.schema, ctx.new.table)}
        WHERE NOT _deleted AND doc->>'type' = 'data_record' AND doc->>'form' IS NOT NULL`
  return { old, new: neu }
}

function contactRows(ctx: StarterContext): { old: string; new: string } {
  const cv = ctx.old.contactviewMetadata
  const old = cv
    ? `SELECT ${month('reported', cv.reported)} AS month FROM ${qualified(ctx.old.schema, 'contactview_metadata')}`
    : `SELECT ${month(rawReported('doc'), 'timestamptz')} AS month
         FROM ${qualified(ctx.old.schema, 'couchdb')} WHERE doc->>'type' IN ${CONTACT_TYPES}`
  const neu = ctx.new.contact
    ? `SELECT ${month('reported', 'timestamptz')} AS month FROM ${qualified(ctx.new.schema, 'contact')}`
    : `SELECT ${month(rawReported('doc'), 'timestamptz')} AS month
         FROM ${qualified(ctx.new.schema, ctx.new.table)}
        WHERE NOT _deleted AND doc->>'type' IN ${CONTACT_TYPES}`
  return { old, new: neu }
}

const exact = { absolute: 0 }

/** The starter tiles for a pair of databases. */
export function metricStarters(ctx: StarterContext): MetricStarter[] {
  const reports = reportRows(ctx)
  const contacts = contactRows(ctx)
  const starters: MetricStarter[] = [
    {
      id: 'reports-per-form-month',
      title: 'Reports per form per month',
      oldSql: `SELECT form, month, count(*) AS reports FROM (${reports.old}) r GROUP BY form, month`,
      newSql: `SELECT form, month, count(*) AS reports FROM (${reports.new}) r GROUP BY form, month`,
      groupColumns: ['form', 'month'],
      valueColumn: 'reports',
      tolerance: exact,
    },
    {
      id: 'active-chws-per-month',
      title: 'Active health workers per month',
      oldSql: `SELECT month, count(DISTINCT chw) AS workers FROM (${reports.old}) r GROUP BY month`,
      newSql: `SELECT month, count(DISTINCT chw) AS workers FROM (${reports.new}) r GROUP BY month`,
      groupColumns: ['month'],
      valueColumn: 'workers',
      tolerance: exact,
    },
    {
      id: 'new-contacts-per-month',
      title: 'New contacts per month',
      oldSql: `SELECT month, count(*) AS contacts FROM (${contacts.old}) c GROUP BY month`,
      newSql: `SELECT month, count(*) AS contacts FROM (${contacts.new}) c GROUP BY month`,
      groupColumns: ['month'],
      valueColumn: 'contacts',
      tolerance: exact,
    },
  ]
  if (ctx.deliveryForm !== null) {
    const form = `'${ctx.deliveryForm.replace(/'/g, "''")}'`
    starters.push({
      id: 'deliveries-per-facility',
      title: 'Deliveries per facility',
      oldSql: `SELECT area, count(*) AS deliveries FROM (${reports.old}) r WHERE form = ${form} GROUP BY area`,
      newSql: `SELECT area, count(*) AS deliveries FROM (${reports.new}) r WHERE form = ${form} GROUP BY area`,
      groupColumns: ['area'],
      valueColumn: 'deliveries',
      tolerance: exact,
    })
  }
  return starters
}
