import { CHT_DOCS_BASE_URL } from '../../steps'
import type { Block, ReportContext, SectionModule, Span } from '../model'
import { link, t } from '../text'
import { countText } from './verdict-words'

/**
 * The words the plan uses, in the project's own terms, with the project's own limits (the days a
 * result stays fresh, the green days the teardown asks for).
 */
export const glossary = (
  staleDays: number,
  greenDays: number,
): { term: string; meaning: string }[] => [
  {
    term: 'couch2pg (cht-couch2pg)',
    meaning:
      'The old pipeline, now deprecated: a Node.js process that copies the CHT CouchDB databases into a PostgreSQL database (the couch2pg database), one jsonb document per row in the couchdb table, and refreshes SQL materialized views such as contactview_metadata and form_metadata built on it.',
  },
  {
    term: 'CHT Sync',
    meaning:
      'The new pipeline that replaces couch2pg: its own couch2pg service copies every document of the CouchDB databases it is given into one raw table in PostgreSQL, and a dbt service keeps the models built on that table up to date.',
  },
  {
    term: 'Raw table',
    meaning:
      'The table CHT Sync writes the documents to, v1.couchdb by default (POSTGRES_SCHEMA.POSTGRES_TABLE): one row per document with _id, _deleted, saved_timestamp, source and the document as doc. Its progress per CouchDB database is kept in couchdb_progress.',
  },
  {
    term: 'cht-pipeline',
    meaning:
      'The dbt project of base models CHT Sync runs: document_metadata, contact, person, place, patient, data_record, user, feedback, telemetry and others, in the same schema as the raw table.',
  },
  {
    term: 'dbt model',
    meaning:
      'A SELECT statement dbt keeps as a table, a view or an incremental table. Deployments add their own models (for forms, targets, dashboards) in a package of their own on top of cht-pipeline, to replace the views they had in the couch2pg database.',
  },
  {
    term: 'document_metadata',
    meaning:
      'The cht-pipeline model every other model builds on: one row per document with its uuid, type, saved_timestamp, source instance and database; deleting a row there removes the document from the models built on it.',
  },
  {
    term: 'CHT Watchdog',
    meaning:
      'The CHT monitoring stack (Prometheus and Grafana, on a server of its own) that alerts on the CHT instance and, once set up for it, on CHT Sync’s backlog and dbt runs.',
  },
  {
    term: 'Check',
    meaning:
      'An automated test the wizard runs against the project’s connections or configuration; its verdict (passed, warning, failed, could not run, skipped), evidence and remedy are saved in the project.',
  },
  {
    term: 'Stale result',
    meaning: `A check or comparison result older than the project’s limit (${countText(staleDays, 'day')} in this project): still recorded, but no longer evidence of how things stand; run it again.`,
  },
  {
    term: 'Gate',
    meaning:
      'What must hold before a step may be marked done: its checks passed and its items settled. A gate held open by someone is an override, recorded with who, when and why.',
  },
  {
    term: 'Parity',
    meaning:
      'The old and the new pipeline agree: the same documents, the same rows in each new model as in the object it replaces, the same dashboard figures. A comparison is green when it passed and covered everything.',
  },
  {
    term: 'Green streak',
    meaning: `The consecutive days on which every comparison ran and was green; the teardown gate asks for ${countText(greenDays, 'day')} in this project.`,
  },
  {
    term: 'Replica dashboard',
    meaning:
      'A set of dashboard figures (tiles) computed from both pipelines side by side, group by group, so that a difference shows where a dashboard would change.',
  },
  {
    term: 'Teardown',
    meaning:
      'The last step: removing couch2pg and its database once its gates hold (decisions made, parity held, CHT Sync monitored, no reads left, dashboards switched, a verified backup), in stages: stop couch2pg, revoke access and rename the database, wait a grace period, drop it.',
  },
]

/** Every CHT page the steps and their items point to, once each, in the order of the guide. */
export function docLinks(ctx: ReportContext): { title: string; url: string }[] {
  const seen = new Map<string, string>()
  for (const step of ctx.steps) {
    if (!seen.has(step.docUrl)) seen.set(step.docUrl, step.docTitle)
    for (const item of step.items) {
      if (!seen.has(item.docUrl)) seen.set(item.docUrl, item.docTitle)
    }
  }
  return [...seen].map(([url, title]) => ({ title, url }))
}

/** Glossary and links: the terms of the plan and the CHT documentation pages it relies on. */
export const glossarySection: SectionModule = {
  id: 'glossary',
  title: 'Glossary and links',
  build(ctx) {
    const links = docLinks(ctx)
    const items: Span[][] = links.map((l) => [link(l.title, l.url)])
    const blocks: Block[] = [
      {
        type: 'facts',
        rows: glossary(
          ctx.document.settings.staleAfterDays,
          ctx.document.parity.greenDaysRequired,
        ).map((g) => ({ label: g.term, value: [t(g.meaning)] })),
      },
      { type: 'heading', text: 'CHT documentation used by the steps' },
      {
        type: 'list',
        items: [...items, [link('CHT documentation (home)', CHT_DOCS_BASE_URL)]],
      },
    ]
    return {
      intro:
        'The words this plan uses, and the pages of the CHT documentation its steps and checklist items come from.',
      blocks,
      empty: null,
    }
  },
}
