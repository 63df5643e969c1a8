import type { Tone } from '../../../../shared/report/model'

/**
 * The plan's page geometry, type sizes and colours: the layout estimates heights with the same
 * figures the pages are drawn with. Points (1/72 inch); A4 portrait.
 */
export const PAGE = { width: 595.28, height: 841.89, top: 58, bottom: 54, side: 48 } as const
/** The width and height content may take on a page. */
export const CONTENT_WIDTH = PAGE.width - 2 * PAGE.side
export const CONTENT_HEIGHT = PAGE.height - PAGE.top - PAGE.bottom

export const SIZE = {
  body: 9.5,
  small: 8,
  table: 8,
  title: 17,
  heading: 12,
  caption: 9,
} as const
export const LEADING = { body: 1.35, table: 1.25 } as const

/** Vertical room of the parts, as drawn (padding, margins, borders). */
export const ROOM = {
  /** A section's title with its rule and margin, and its intro's margin. */
  sectionTitle: 34,
  intro: 8,
  block: 8,
  heading: 8,
  cellPadX: 3,
  cellPadY: 2.5,
  tableCaption: 16,
  callout: 14,
  signature: 90,
} as const

export const COLOUR = {
  ink: '#17212b',
  muted: '#55616d',
  rule: '#c5ccd4',
  faint: '#eef1f4',
  headerFill: '#e3e9f0',
  link: '#0b57a4',
  missing: '#6b7580',
} as const

/** Tone colours (text, bar, background) and the word that says the same. */
export const TONES: Record<Tone, { ink: string; bar: string; fill: string; word: string }> = {
  good: { ink: '#176b3a', bar: '#176b3a', fill: '#e8f4ec', word: 'Good' },
  warn: { ink: '#8a4b00', bar: '#c77700', fill: '#fdf3e1', word: 'Attention' },
  bad: { ink: '#b3261e', bar: '#b3261e', fill: '#fbeae8', word: 'Problem' },
  neutral: { ink: '#17212b', bar: '#7a8793', fill: '#eef1f4', word: 'Note' },
}

/** The lines' height of a text of `lines` lines at `size`. */
export const textHeight = (lines: number, size: number, leading: number = LEADING.body): number =>
  lines * size * leading
