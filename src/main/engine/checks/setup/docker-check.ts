import type { EvidenceItem } from '../../../../shared/results/check-result'
import type { CheckContext, CheckOutcome, ExecResult } from '../check-types'

/** Each program gets this long to print its version. */
const EXEC_MS = 8_000

const NOT_INSTALLED =
  'Docker is not installed on this computer; if CHT Sync runs on another server, run docker compose version there.'

/** `Docker version 24.0.7, build afdd53b` → `24.0.7`; `Docker Compose version v2.24.5` → `2.24.5`. */
export function parseVersion(output: string): string | null {
  const m = /version\s+v?(\d+(?:\.\d+){0,3}[^\s,]*)/i.exec(output)
  return m?.[1] ?? null
}

const firstLine = (r: ExecResult) => (r.stdout.trim() || r.stderr.trim()).split('\n')[0] ?? ''

/** The run of `setup.docker`. */
export async function runDockerCheck(ctx: CheckContext): Promise<CheckOutcome> {
  const docker = await ctx.exec('docker', ['--version'], EXEC_MS)
  if (docker === null) {
    return { verdict: 'skipped', summary: NOT_INSTALLED, skippedBecause: NOT_INSTALLED }
  }
  const evidence: EvidenceItem[] = []
  if (docker.timedOut || docker.code !== 0) {
    evidence.push({
      type: 'fact',
      label: 'docker --version',
      value: firstLine(docker) || 'no output',
    })
    return {
      verdict: 'warn',
      summary: docker.timedOut
        ? `docker --version did not answer within ${EXEC_MS / 1000} s.`
        : `docker --version failed (exit code ${docker.code ?? 'none'}).`,
      evidence,
      remedy: {
        text: 'Check the Docker installation (docker --version in a terminal), then run the check again.',
      },
    }
  }
  const engine = parseVersion(docker.stdout)
  evidence.push({ type: 'fact', label: 'Docker', value: engine ?? firstLine(docker) })
  const compose = await ctx.exec('docker', ['compose', 'version'], EXEC_MS)
  const plugin =
    compose && compose.code === 0 && !compose.timedOut ? parseVersion(compose.stdout) : null
  if (plugin) {
    evidence.push({ type: 'fact', label: 'Docker Compose plugin', value: plugin })
    const major = Number(plugin.split('.')[0])
    if (major < 2) {
      return {
        verdict: 'fail',
        summary: `docker compose is version ${plugin}; CHT Sync’s profiles need Compose 2.`,
        evidence,
        remedy: {
          text: 'Update Docker and its compose plugin (Docker Engine 20.10 or later with docker-compose-plugin).',
        },
      }
    }
    return {
      verdict: 'pass',
      summary:
        `Docker ${engine ?? ''} with the compose plugin ${plugin} is installed on this computer.`.replace(
          '  ',
          ' ',
        ),
      evidence,
    }
  }
  if (compose)
    evidence.push({
      type: 'fact',
      label: 'docker compose version',
      value: firstLine(compose) || 'no output',
    })
  const legacy = await ctx.exec('docker-compose', ['--version'], EXEC_MS)
  const legacyVersion = legacy && legacy.code === 0 ? parseVersion(legacy.stdout) : null
  if (legacyVersion)
    evidence.push({
      type: 'fact',
      label: 'docker-compose (separate command)',
      value: legacyVersion,
    })
  return {
    verdict: 'fail',
    summary: legacyVersion
      ? `Only the separate docker-compose command (${legacyVersion}) is installed; CHT Sync’s instructions use the compose plugin (docker compose …).`
      : 'Docker is installed without its compose plugin: docker compose does not run.',
    evidence,
    remedy: {
      text: 'Install the compose plugin (the docker-compose-plugin package, or Docker Desktop), then check with docker compose version.',
    },
  }
}
