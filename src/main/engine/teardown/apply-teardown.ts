import { AppError } from '../../../shared/result'
import type { Intent } from '../../../shared/intents'
import type { TeardownSettings } from '../../../shared/teardown/teardown-settings'

/** The teardown intents: only settings and attestations, never a backup, snapshot or audit entry. */
export type TeardownIntent = Extract<
  Intent,
  { type: 'teardown.set' | 'teardown.setDashboard' | 'teardown.removeDashboard' }
>

/** Who and when a change is made, and how new ids are made. */
export interface TeardownApplyContext {
  who: string
  at: string
  newId: () => string
}

/**
 * Applies one teardown intent to the settings and returns new ones (the given ones unchanged).
 * `teardown.setDashboard` without an id adds a dashboard with a new id, with one updates it
 * (`NOT_FOUND` when there is none); switching stamps who and when, unswitching clears them.
 * `teardown.removeDashboard` of an absent id is `NOT_FOUND`. The caller validates the result
 * against `teardownSettingsSchema`. The backup record, snapshots and audit trail are written by
 * the engine after it verifies or runs something, never by an intent.
 */
export function applyTeardownIntent(
  settings: TeardownSettings,
  intent: TeardownIntent,
  ctx: TeardownApplyContext,
): TeardownSettings {
  switch (intent.type) {
    case 'teardown.set':
      return {
        ...settings,
        ...(intent.deployment === undefined ? {} : { deployment: intent.deployment }),
        ...(intent.graceDays === undefined ? {} : { graceDays: intent.graceDays }),
        ...(intent.quietDays === undefined ? {} : { quietDays: intent.quietDays }),
      }
    case 'teardown.setDashboard': {
      const id = intent.id ?? ctx.newId()
      const stamp = intent.switched ? { by: ctx.who, at: ctx.at } : { by: null, at: null }
      const current = settings.dashboards.find((d) => d.id === id)
      if (intent.id !== undefined && !current) throw notFound(intent.id)
      const next = { id, name: intent.name, switched: intent.switched, ...stamp }
      return {
        ...settings,
        dashboards: current
          ? settings.dashboards.map((d) => (d.id === id ? next : d))
          : [...settings.dashboards, next],
      }
    }
    case 'teardown.removeDashboard':
      if (!settings.dashboards.some((d) => d.id === intent.id)) throw notFound(intent.id)
      return { ...settings, dashboards: settings.dashboards.filter((d) => d.id !== intent.id) }
  }
}

const notFound = (id: string) =>
  new AppError('NOT_FOUND', `There is no dashboard “${id}”; nothing was changed.`, { id })
