import type { DemoUser } from './hierarchy'
import type { Prng } from './prng'
import type { Body } from './revisions'

const DEVICES = [
  ['samsung', 'SM-A125F', '11'],
  ['TECNO', 'TECNO KG5', '10'],
  ['Infinix', 'Infinix X6511', '11'],
  ['Nokia', 'Nokia C20', '11'],
  ['itel', 'itel A571W', '12'],
] as const

const metric = (prng: Prng, scale: number) => {
  const count = prng.int(1, 30)
  const values = Array.from({ length: count }, () => Math.round(prng.next() * scale))
  const sum = values.reduce((a, b) => a + b, 0)
  return {
    min: Math.min(...values),
    max: Math.max(...values),
    sum,
    count,
    sumsqr: values.reduce((a, b) => a + b * b, 0),
  }
}

/**
 * A telemetry document from a user's phone (`medic-users-meta`), with the app version, metrics
 * (`{min, max, sum, count, sumsqr}`), device facts and the local database size. Apps from 3.8.0
 * write one per day (`metadata.day`, months from 1); older apps, a few of the oldest documents
 * here, wrote one per month, without a day and with the month zero-based.
 */
export function telemetryBody(
  user: DemoUser,
  day: number,
  prng: Prng,
  deviceSeed: number,
  oldAppsInUse: boolean,
): Body {
  const date = new Date(day)
  const old = oldAppsInUse && prng.chance(0.3)
  const version = old
    ? '3.7.1'
    : prng.weighted([
        ['4.15.0', 8],
        ['4.14.0', 2],
      ] as const)
  const year = date.getUTCFullYear()
  const month = date.getUTCMonth() + (old ? 0 : 1)
  const [manufacturer, model, android] = DEVICES[deviceSeed % DEVICES.length]!
  const deviceId = `${user.name}-device-${deviceSeed % 3}`
  const period = old ? `${year}-${month}` : `${year}-${month}-${date.getUTCDate()}`
  return {
    _id: `telemetry-${period}-${user.name}-${prng.uuid()}`,
    type: 'telemetry',
    metadata: {
      year,
      month,
      ...(old ? {} : { day: date.getUTCDate() }),
      user: user.name,
      deviceId,
      versions: { app: version, forms: {}, settings: `${prng.int(1, 40)}-${prng.hex(32)}` },
    },
    metrics: {
      boot_time: metric(prng, 20_000),
      'search:contacts': metric(prng, 3_000),
      'search:reports': metric(prng, 3_000),
      'enketo:reports:assessment:add:render': metric(prng, 5_000),
    },
    device: {
      userAgent: `Mozilla/5.0 (Linux; Android ${android}; ${model}) AppleWebKit/537.36 Chrome/120.0 Mobile Safari/537.36`,
      hardwareConcurrency: 8,
      screen: { width: 720, height: 1600 },
      deviceInfo: {
        app: {
          version: `v1.${prng.int(0, 5)}.0-4.15.0`,
          packageName: 'org.medicmobile.webapp.mobile',
        },
        software: { androidVersion: android, osApiLevel: 30, osVersion: `${android}.0` },
        hardware: { manufacturer, model, hardware: 'mt6765' },
        ram: { free: prng.int(200, 1500) * 1_048_576, total: 3_072 * 1_048_576 },
        storage: { free: prng.int(1, 20) * 1_073_741_824, total: 32 * 1_073_741_824 },
        network: { upSpeed: prng.int(500, 20_000), downSpeed: prng.int(1_000, 50_000) },
      },
    },
    dbInfo: { doc_count: prng.int(500, 20_000), update_seq: prng.int(1_000, 50_000) },
  }
}

const FEEDBACK = [
  "Cannot read properties of undefined (reading 'contact')",
  'Failed to fetch',
  'The form does not load',
  'Sync stuck at 95%',
  'Task list empty after update',
] as const

/** A feedback document: an automatic error report or a message a user typed. */
export function feedbackBody(user: DemoUser, time: number, prng: Prng): Body {
  const at = new Date(time).toISOString()
  const automatic = prng.chance(0.7)
  const message = prng.pick(FEEDBACK)
  return {
    _id: `feedback-${at}-${prng.uuid()}`,
    type: 'feedback',
    meta: {
      time: at,
      user: { name: user.name },
      url: prng.pick(['/#/reports', '/#/contacts', '/#/tasks', '/#/analytics/targets']),
      app: 'medic',
      version: '4.15.0',
      source: automatic ? 'automatic' : 'manual',
    },
    info: automatic ? { message, stack: `Error: ${message}\n    at inbox.js:1:1` } : { message },
  }
}
