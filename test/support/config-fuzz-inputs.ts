import { SETTING_NAMES } from '../../src/main/engine/checks/config/config-types'

/**
 * Seeded generators of CHT Sync configuration files for the readers' fuzz test: `.env` texts and
 * `values.yaml` texts that are mostly plausible and often broken (quotes left open, binary bytes,
 * keys written twice, deep nesting, aliases), so every branch of the readers is reached.
 */

/** A small seeded PRNG (mulberry32): the same seed gives the same inputs on every machine. */
export class Rng {
  private state: number

  constructor(seed: number) {
    this.state = seed >>> 0
  }

  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0
    let t = this.state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }

  int(max: number): number {
    return Math.floor(this.next() * max)
  }

  pick<T>(items: readonly T[]): T {
    return items[this.int(items.length)] as T
  }

  chance(p: number): boolean {
    return this.next() < p
  }
}

const NAMES = [
  ...SETTING_NAMES,
  'DBT_THREADS',
  'REDIS_HOST',
  'DBT_POSTGRES_USER',
  'COUCHDB_DB',
  'POSTGRES_TABLES',
  'COUCHDB_DBZ',
  'ROOT_POSTGRES_SCHEMA',
  'PATH',
  'constructor',
  '__proto__',
  'toString',
  'a.b-c',
]
const VALUES = [
  '',
  'true',
  'false',
  'TRUE',
  '5984',
  '443',
  '0',
  '-5',
  '5m',
  '5 minutes',
  '3',
  'postgres',
  'password',
  'admin',
  'cht.example.org',
  'https://cht.example.org',
  'couchdb',
  '10.0.0.7',
  'medic,medic-sentinel',
  'https://github.com/medic/cht-pipeline.git#main',
  'https://tok@github.com/medic/cht-pipeline.git#v2.0.0',
  'https://github.com/medic/cht-pipeline.git#v1.2.0',
  'git@github.com:medic/cht-pipeline.git#v2.0.1',
  'a#b',
  'pa$word',
  '${HOME}',
  '<changeme>',
  'éüß€😀',
  '\\n\\r\\"',
]
const JUNK = '\u0000\u0001\u0007\u001b\u007f\ufffd\ufeff\u2028\u00a0\t\v\f"\'`#=:$\\{}[]&*!|>%@,-? '

/** A string of `length` characters from the junk alphabet and letters. */
export function junk(rng: Rng, length: number): string {
  let out = ''
  for (let i = 0; i < length; i += 1) {
    out += rng.chance(0.5) ? rng.pick([...JUNK]) : String.fromCharCode(97 + rng.int(26))
  }
  return out
}

/** A value; one in `longOneIn` is a long line (the YAML parser reads about 1 MB a second). */
function value(rng: Rng, longOneIn = 10): string {
  if (rng.int(longOneIn) === 0) return 'x'.repeat(1000 + rng.int(20_000))
  const roll = rng.int(9)
  if (roll < 6) return rng.pick(VALUES)
  if (roll < 8) return junk(rng, rng.int(20))
  return rng.pick(VALUES) + junk(rng, 3)
}

function quoted(rng: Rng, text: string): string {
  const quote = rng.pick(['"', "'", '`'])
  const roll = rng.int(6)
  if (roll === 0) return `${quote}${text}` // never closed
  if (roll === 1) return `${quote}${text}\n${junk(rng, 5)}\n${text}${quote}` // across lines
  if (roll === 2) return `${quote}${text}${quote} ${junk(rng, 4)}` // text after the quote
  return `${quote}${text}${quote}`
}

function envLine(rng: Rng, seen: string[]): string {
  const roll = rng.int(20)
  if (roll === 0) return ''
  if (roll === 1) return `# ${junk(rng, rng.int(30))}`
  if (roll === 2) return junk(rng, rng.int(40))
  if (roll === 3) return `${rng.pick(NAMES)}`
  if (roll === 4) return `${rng.pick(NAMES)}: ${value(rng)}`
  const name = seen.length > 0 && rng.chance(0.15) ? rng.pick(seen) : rng.pick(NAMES)
  seen.push(name)
  const prefix = rng.chance(0.1) ? 'export ' : rng.chance(0.05) ? '  ' : ''
  const equals = rng.pick(['=', '=', '=', ' = ', '= '])
  const body = rng.chance(0.3) ? quoted(rng, value(rng)) : value(rng)
  const comment = rng.chance(0.15) ? ` # ${junk(rng, 8)}` : ''
  return `${prefix}${name}${equals}${body}${comment}`
}

/** A `.env` text: settings, comments and junk, with LF, CRLF or CR line ends and maybe a BOM. */
export function envText(rng: Rng): string {
  const seen: string[] = []
  const lines = Array.from({ length: rng.int(40) }, () => envLine(rng, seen))
  const end = rng.pick(['\n', '\n', '\r\n', '\r'])
  return `${rng.chance(0.1) ? '\ufeff' : ''}${lines.join(end)}${rng.chance(0.5) ? end : ''}`
}

const KEYS = [
  'postgres',
  'couchdb',
  'couchdbs',
  'user',
  'password',
  'host',
  'port',
  'secure',
  'dbs',
]
  .concat(['cht_pipeline_branch_url', 'dbt_thread_count', 'dbt_threads', 'db', 'schema', 'table'])
  .concat(['enabled', '<<', 'true', '1', 'a b', '"q"', '? k'])

function yamlScalar(rng: Rng): string {
  const text = value(rng, 400).replace(/\n/g, ' ')
  const roll = rng.int(8)
  if (roll === 0) return JSON.stringify(text)
  if (roll === 1) return `'${text.replace(/'/g, "''")}'`
  if (roll === 2)
    return rng.pick(['yes', 'no', 'on', '~', 'null', '0x1F', '1e3', '2001-12-14', '!!binary aGk='])
  if (roll === 3) return junk(rng, rng.int(10))
  return text
}

function yamlNode(rng: Rng, depth: number, indent: string, anchors: string[]): string {
  const roll = rng.int(10)
  if (depth > 2 || roll < 4) {
    if (anchors.length > 0 && rng.chance(0.1)) return `*${rng.pick(anchors)}`
    return yamlScalar(rng)
  }
  const anchor = rng.chance(0.15) ? `&a${anchors.length} ` : ''
  if (anchor) anchors.push(`a${anchors.length}`)
  const inner = `${indent}  `
  if (roll < 6) {
    const items = Array.from({ length: 1 + rng.int(3) }, () =>
      yamlNode(rng, depth + 1, inner, anchors),
    )
    if (rng.chance(0.3))
      return `${anchor}[${items.map((i) => i.replace(/\n\s*/g, ' ')).join(', ')}]`
    return `${anchor}\n${items.map((i) => `${inner}- ${i}`).join('\n')}`
  }
  const pairs = Array.from({ length: 1 + rng.int(4) }, () => {
    const key = rng.pick(KEYS)
    return `${inner}${key}: ${yamlNode(rng, depth + 1, inner, anchors)}`
  })
  return `${anchor}\n${pairs.join('\n')}`
}

/** A values.yaml text: mostly the chart's keys, with aliases, odd scalars, tabs and junk. */
export function valuesText(rng: Rng): string {
  const anchors: string[] = []
  const roll = rng.int(40)
  if (roll === 0) return junk(rng, rng.int(200))
  // Deep flow nesting overflows the parser's stack (it reports that): slow, so rare.
  if (roll === 1) return rng.chance(0.2) ? `a: ${'['.repeat(100 + rng.int(1000))}` : junk(rng, 50)
  if (roll === 2)
    return Array.from({ length: 70 + rng.int(130) }, (_, i) => `${' '.repeat(i)}k:`).join('\n')
  if (roll === 3) {
    const levels = ['l0: &l0 [1, 2, 3, 4, 5, 6, 7, 8]']
    for (let i = 1; i < 8; i += 1)
      levels.push(
        `l${i}: &l${i} [${Array(8)
          .fill(`*l${i - 1}`)
          .join(', ')}]`,
      )
    return levels.join('\n')
  }
  const lines = Array.from({ length: 1 + rng.int(8) }, () => {
    const key = rng.pick(KEYS)
    return `${rng.chance(0.05) ? '\t' : ''}${key}: ${yamlNode(rng, 0, '', anchors)}`
  })
  if (rng.chance(0.1)) lines.push(`# ${junk(rng, 20)}`)
  if (rng.chance(0.05)) lines.push('---\nsecond: doc')
  return `${rng.chance(0.05) ? '\ufeff' : ''}${lines.join(rng.chance(0.1) ? '\r\n' : '\n')}\n`
}

/** About `bytes` of `.env`: long lines of settings and junk, a few of them binary. */
export function largeEnvText(rng: Rng, bytes: number): string {
  const parts: string[] = []
  let size = 0
  while (size < bytes) {
    const line =
      rng.int(10) === 0
        ? junk(rng, 200)
        : `${rng.pick(NAMES)}=${rng.chance(0.2) ? '"' : ''}${'v'.repeat(500 + rng.int(3000))}`
    parts.push(line)
    size += line.length + 1
  }
  return parts.join('\n')
}

/** About `bytes` of values.yaml: a long list of entries with long values, a few broken. */
export function largeValuesText(rng: Rng, bytes: number): string {
  const parts = ['couchdbs:']
  let size = 0
  while (size < bytes) {
    const long = 'v'.repeat(2000 + rng.int(8000))
    const line =
      rng.int(50) === 0
        ? `  - host: "${junk(rng, 30)}`
        : `  - { host: h${parts.length}.example.org, password: "${long}" }`
    parts.push(line)
    size += line.length + 1
  }
  return parts.join('\n')
}
