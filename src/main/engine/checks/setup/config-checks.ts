import type { CheckDef } from '../check-types'
import { configReadCheck } from './config-read-check'
import { intervalCheck, threadsCheck } from './dbt-settings-checks'
import { envRenamedCheck } from './env-renamed-check'
import { envRequiredCheck } from './env-required-check'
import { passwordsCheck } from './passwords-check'
import { pipelineTagCheck } from './pipeline-tag-check'
import { securePortCheck } from './secure-port-check'

/**
 * The checks that read only CHT Sync's configuration file (`needs: ['config']`), in catalog
 * order: whether it can be read, then what it sets. Each returns `skipped` when no file is chosen;
 * all but `setup.config-read` also wait for it (their prerequisite in the catalog).
 */
export const CONFIG_CHECKS: CheckDef[] = [
  configReadCheck,
  envRequiredCheck,
  envRenamedCheck,
  securePortCheck,
  intervalCheck,
  threadsCheck,
  pipelineTagCheck,
  passwordsCheck,
]
