import { STEPS } from '../../../shared/steps-catalog'

/** The CHT guide the wizard is built around (the first step links to it too). */
export const MIGRATION_GUIDE_URL =
  STEPS[0]?.docUrl ??
  'https://docs.communityhealthtoolkit.org/hosting/analytics/couch2pg-to-cht-sync-migration/'
