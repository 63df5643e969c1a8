import type { Block, PlanReport, ReportSection } from '../../../../shared/report/model'
import type { Fitted, TextTools } from './measure'
import {
  chartsPiece,
  fitSpans,
  prepareBlock,
  type Piece,
  type PreparedBlock,
  type PText,
} from './prepare'
import { CONTENT_HEIGHT, CONTENT_WIDTH, ROOM, SIZE, textHeight } from './styles'

/**
 * The plan cut into pages by hand: react-pdf lays a long table out in one page element many
 * times slower (it splits the remainder again for every page), so each page element gets about
 * a page of content, by the heights estimated in prepare.ts. A table's caption and header are
 * repeated on each page its rows run onto; a row is never split. When an estimate falls short,
 * react-pdf still moves the overflow to a page of its own: nothing is lost, the table's header is
 * just not repeated there.
 */

/** A section's title and intro, drawn at the top of its first page. */
export interface SectionHead {
  id: string
  title: Fitted
  intro: PText | null
}

/** One page element: the pieces estimated to fit on it. */
export interface PlannedPage {
  section: SectionHead
  /** The section's first page: its title, intro and anchor are drawn here. */
  first: boolean
  pieces: Piece[]
}

/** Estimates run short by this much of a page: the pages are filled a little less than full. */
const SLACK = 18

/** Whether a block is drawn in the PDF (tables only the exports carry are not). */
const printed = (block: Block) => block.type !== 'table' || block.printed !== false

/** The section's blocks as prepared pieces, dashboard tiles paired two by two. */
function prepareSection(tools: TextTools, section: ReportSection): PreparedBlock[] {
  const blocks = section.blocks.filter(printed)
  const prepared: PreparedBlock[] = []
  if (section.empty) {
    const text = fitSpans(
      tools,
      [{ text: 'Empty section. ', strong: true }, { text: section.empty }],
      SIZE.body,
      CONTENT_WIDTH - 24,
    )
    prepared.push({
      pieces: [{ kind: 'callout', tone: 'warn', text, height: text.height + ROOM.callout + 8 }],
    })
  }
  for (let i = 0; i < blocks.length; i++) {
    const block = blocks[i]!
    const next = blocks[i + 1]
    if (block.type === 'chart' && block.chart.kind === 'metric-tile') {
      if (next?.type === 'chart' && next.chart.kind === 'metric-tile') {
        prepared.push({ pieces: [chartsPiece(tools, [block, next])] })
        i += 1
        continue
      }
    }
    prepared.push(prepareBlock(tools, block))
  }
  return prepared
}

/** The section's title and intro as drawn on its first page. */
export function sectionHead(tools: TextTools, section: ReportSection): SectionHead {
  return {
    id: section.id,
    title: tools.fit(section.title, SIZE.title, CONTENT_WIDTH, { bold: true, maxLines: 4 }),
    intro: section.intro
      ? fitSpans(tools, [{ text: section.intro, muted: true }], SIZE.body, CONTENT_WIDTH)
      : null,
  }
}

const headHeight = (head: SectionHead) =>
  ROOM.sectionTitle +
  textHeight(head.title.lines - 1, SIZE.title) +
  (head.intro ? head.intro.height + ROOM.intro : 0)

/** Every section's pages, each section starting on a page of its own. */
export function paginate(tools: TextTools, report: PlanReport): PlannedPage[] {
  const pages: PlannedPage[] = []
  for (const section of report.sections) {
    const head = sectionHead(tools, section)
    const blocks = prepareSection(tools, section)
    let page: PlannedPage = { section: head, first: true, pieces: [] }
    pages.push(page)
    let used = headHeight(head)
    const room = CONTENT_HEIGHT - SLACK
    const newPage = () => {
      page = { section: head, first: false, pieces: [] }
      pages.push(page)
      used = 0
    }
    const place = (piece: Piece, needed: number, block: PreparedBlock) => {
      // A new page when the piece does not fit (never leaving a section's title alone).
      if (page.pieces.length > 0 && used + needed > room) {
        newPage()
        if (block.head && piece.kind === 'row') {
          page.pieces.push({ ...block.head, continued: true })
          used += block.head.height
        }
      }
      page.pieces.push(piece)
      used += piece.height
      // A piece taller than a page runs onto pages react-pdf adds: count what is left of it.
      while (used > room) used -= room
    }
    blocks.forEach((block, b) => {
      block.pieces.forEach((piece, p) => {
        let needed = piece.height
        // A table's head stays with its first row; a heading with what follows it.
        if (piece.kind === 'table-head') needed += block.pieces[p + 1]?.height ?? 0
        if (block.keepWithNext) needed += blocks[b + 1]?.pieces[0]?.height ?? 0
        place(piece, Math.min(needed, room), block)
      })
    })
  }
  return pages
}
