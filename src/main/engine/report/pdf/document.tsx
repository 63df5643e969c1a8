import type { ReactElement } from 'react'
import type { PlanReport } from '../../../../shared/report/model'
import type { Fitted, TextTools } from './measure'
import { Contents, Cover } from './front'
import type { PlannedPage } from './paginate'
import { drawPiece, family, spans, type DrawContext } from './pieces'
import { drawPieces } from './table-body'
import { COLOUR, CONTENT_WIDTH, LEADING, PAGE, ROOM, SIZE } from './styles'

/**
 * The plan's document: the cover, the contents with page numbers, then each section from a page of
 * its own, under a running header and footer.
 *
 * Page numbers, two ways. `planned`: the numbers of the pages as cut by hand, written as plain
 * text; right when react-pdf added no page (an estimate that fell short), which the caller checks
 * by counting the pages. `laid-out`: react-pdf's own numbers (its `render` callbacks, which make it
 * lay every page out twice more): react-pdf cuts all pages in order before it resolves the page
 * numbers of every page, so each section's title records the page it landed on while the pages
 * are cut, and the contents (resolved afterwards) read them.
 */

const PAGE_STYLE = {
  paddingTop: PAGE.top,
  paddingBottom: PAGE.bottom,
  paddingHorizontal: PAGE.side,
  fontFamily: 'NotoSans',
  fontSize: SIZE.body,
  color: COLOUR.ink,
}

/** The running header and footer of every page. */
function Frame({
  ctx,
  header,
  generated,
  page,
}: {
  ctx: DrawContext
  header: Fitted
  generated: string
  /** This page's number and the total, when known before layout (else react-pdf's). */
  page: { number: number; total: number } | null
}) {
  const { View, Text } = ctx.lib
  const edge = { position: 'absolute' as const, left: PAGE.side, right: PAGE.side }
  return (
    <>
      <View
        fixed
        style={{
          ...edge,
          top: 26,
          borderBottomWidth: 0.5,
          borderBottomColor: COLOUR.rule,
          paddingBottom: 3,
        }}
      >
        <Text
          style={{ fontFamily: family(header.latin), fontSize: SIZE.small, color: COLOUR.muted }}
        >
          {header.text}
        </Text>
      </View>
      <View
        fixed
        style={{
          ...edge,
          bottom: 24,
          flexDirection: 'row',
          justifyContent: 'space-between',
          borderTopWidth: 0.5,
          borderTopColor: COLOUR.rule,
          paddingTop: 3,
        }}
      >
        <Text
          style={{ fontSize: SIZE.small, color: COLOUR.muted }}
        >{`Generated ${generated}`}</Text>
        {page ? (
          <Text style={{ fontSize: SIZE.small, color: COLOUR.muted }}>
            {`Page ${page.number} of ${page.total}`}
          </Text>
        ) : (
          <Text
            style={{ fontSize: SIZE.small, color: COLOUR.muted }}
            render={({ pageNumber, totalPages }) => `Page ${pageNumber} of ${totalPages}`}
          />
        )}
      </View>
    </>
  )
}

/** The whole document as react-pdf elements. */
export function planDocument(
  ctx: DrawContext,
  tools: TextTools,
  report: PlanReport,
  pages: readonly PlannedPage[],
  numbering: 'planned' | 'laid-out',
): ReactElement {
  const { Document, Page, View, Text } = ctx.lib
  const planned = numbering === 'planned'
  // Planned: each section's first page as cut by hand (right unless an estimate fell short).
  const pageOf = new Map<string, number>()
  if (planned) {
    pages.forEach((page, i) => {
      if (page.first) pageOf.set(page.section.id, i + 3)
    })
  }
  const total = pages.length + 2
  const header = tools.fit(
    `${report.cover.title} · ${report.cover.projectName}`,
    SIZE.small,
    CONTENT_WIDTH,
    { maxLines: 1 },
  )
  const frame = (number: number) => (
    <Frame
      ctx={ctx}
      header={header}
      generated={report.generatedAtText}
      page={planned ? { number, total } : null}
    />
  )
  return (
    <Document
      title={report.cover.title}
      subject={report.cover.projectName}
      author={report.cover.author ?? undefined}
      creator={`${report.app.name} ${report.app.version}`}
      producer={report.app.name}
    >
      <Page size="A4" style={PAGE_STYLE}>
        {frame(1)}
        <Cover ctx={ctx} tools={tools} report={report} />
      </Page>
      <Page size="A4" style={PAGE_STYLE}>
        {frame(2)}
        <Contents ctx={ctx} tools={tools} report={report} pageOf={pageOf} planned={planned} />
      </Page>
      {pages.map((page, p) => (
        <Page key={p} size="A4" style={PAGE_STYLE}>
          {frame(p + 3)}
          {page.first ? (
            <View id={page.section.id} style={{ marginBottom: ROOM.intro }}>
              <Text
                style={{
                  fontFamily: family(page.section.title.latin),
                  fontSize: SIZE.title,
                  fontWeight: 700,
                  lineHeight: 1.2,
                  borderBottomWidth: 1,
                  borderBottomColor: COLOUR.ink,
                  paddingBottom: 4,
                  marginBottom: 8,
                }}
              >
                {page.section.title.text}
              </Text>
              {/* Records the page the section landed on, for the contents. */}
              {planned ? null : (
                <View
                  render={({ pageNumber }) => {
                    pageOf.set(page.section.id, pageNumber)
                    return null
                  }}
                />
              )}
              {page.section.intro ? (
                <Text
                  style={{
                    fontFamily: family(page.section.intro.latin),
                    fontSize: SIZE.body,
                    lineHeight: LEADING.body,
                    color: COLOUR.muted,
                  }}
                >
                  {spans(ctx, page.section.intro)}
                </Text>
              ) : null}
            </View>
          ) : null}
          {drawPieces(ctx, page.pieces, (piece, i) => drawPiece(ctx, piece, i))}
        </Page>
      ))}
    </Document>
  )
}
