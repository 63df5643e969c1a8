import type { PlanReport } from '../../../../shared/report/model'
import { planDocument } from './document'
import { family } from './pieces'
import { registerFonts } from './fonts'
import { textTools } from './measure'
import { paginate } from './paginate'
import { loadPdfLib, type PdfLib } from './pdf-lib'

/** Every id a `#…` link may point to: the sections and the headings with an anchor. */
function anchorsOf(report: PlanReport): Set<string> {
  const anchors = new Set<string>()
  for (const section of report.sections) {
    anchors.add(section.id)
    for (const block of section.blocks) {
      if (block.type === 'heading' && block.anchor) anchors.add(block.anchor)
    }
  }
  return anchors
}

/** Pages of a PDF as pdfkit writes it (no object streams): its page objects. */
export const pageCount = (pdf: Uint8Array): number =>
  (
    Buffer.from(pdf.buffer, pdf.byteOffset, pdf.byteLength)
      .toString('latin1')
      .match(/\/Type\s*\/Page\b(?!s)/g) ?? []
  ).length

/**
 * The plan drawn as a PDF: see `renderPlanPdf`, which loads this module on first use.
 *
 * Drawn first with the page numbers of the pages as cut by hand, as plain text (react-pdf then
 * lays each page out once instead of three times). If react-pdf added a page (an estimate fell
 * short: a paragraph or a long value taller than guessed), those numbers are off from there on,
 * and the plan is drawn again with react-pdf's own numbering, which is always right.
 */
export async function drawPlanPdf(report: PlanReport): Promise<Uint8Array> {
  const lib = await loadPdfLib()
  const tools = textTools(await registerFonts(lib))
  const pages = paginate(tools, report)
  const familyOf = (text: string) => family(tools.clean(text).latin)
  const ctx = { lib, anchors: anchorsOf(report), familyOf }
  const draw = async (numbering: 'planned' | 'laid-out') => {
    const document = planDocument(ctx, tools, report, pages, numbering)
    const buffer = await lib.renderToBuffer(document as Parameters<PdfLib['renderToBuffer']>[0])
    return new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength)
  }
  const planned = await draw('planned')
  if (pageCount(planned) === pages.length + 2) return planned
  return draw('laid-out')
}
