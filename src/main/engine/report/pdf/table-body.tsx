import type { ReactNode } from 'react'
import { family, span, type DrawContext } from './pieces'
import { ROW_LINE, type Piece } from './prepare'
import { COLOUR, ROOM, SIZE } from './styles'

type Row = Extract<Piece, { kind: 'row' }>

/** Room a column's text is laid out with beyond its width. */
const SPARE = 24
/** The rules sit this far below the lines' boxes, so that the text stands clear of them. */
const RULE_DROP = 0.5
/** Fills a line a cell leaves empty (react-pdf would drop an empty line). */
const BLANK = '\u00A0'

/**
 * A run of table rows drawn column by column: one text per column, its cells line under line,
 * each row as tall as its tallest cell, and the rules between rows drawn behind. A page of rows
 * is then a handful of texts instead of a few hundred, which react-pdf lays out many times
 * faster. The lines were broken beforehand (prepare.ts, narrower than the column), so react-pdf
 * breaks none again and the columns stay aligned row by row.
 */
export function TableBody({ ctx, rows }: { ctx: DrawContext; rows: readonly Row[] }) {
  const { View, Text } = ctx.lib
  const columns = rows[0]!.columns
  const last = rows[rows.length - 1]!.last
  return (
    <View wrap={false} style={{ paddingBottom: RULE_DROP, marginBottom: last ? ROOM.block : 0 }}>
      <View style={{ position: 'absolute', top: RULE_DROP, left: 0, right: 0 }}>
        {rows.map((row, r) => (
          <View
            key={r}
            style={{
              height: row.lines * ROW_LINE,
              borderBottomWidth: 0.5,
              borderBottomColor: COLOUR.rule,
            }}
          />
        ))}
      </View>
      <View style={{ flexDirection: 'row' }}>
        {columns.map((column, c) => {
          // Laid out wider than drawn, on the side away from the alignment: the lines are
          // broken already and must never wrap again (the columns would lose their alignment).
          const right = column.align === 'right'
          const style = {
            width: column.width + SPARE,
            ...(right ? { marginLeft: -SPARE } : { marginRight: -SPARE }),
            paddingHorizontal: ROOM.cellPadX,
            textAlign: column.align,
            fontSize: SIZE.table,
            lineHeight: ROW_LINE / SIZE.table,
          }
          const cellText = (cell: Row['cells'][number], key: number) =>
            span(ctx, { ...cell, text: cell.text === '' ? BLANK : cell.text }, key)
          // A fallback font's line may stand a little taller than the others: a column with
          // one is drawn cell by cell, each row as tall as planned, so no error adds up.
          if (!rows.every((row) => row.cells[c]!.latin)) {
            return (
              <View key={c} style={{ width: column.width }}>
                {rows.map((row, r) => (
                  <View key={r} style={{ height: row.lines * ROW_LINE }}>
                    <Text style={{ ...style, fontFamily: family(row.cells[c]!.latin) }}>
                      {cellText(row.cells[c]!, 0)}
                    </Text>
                  </View>
                ))}
              </View>
            )
          }
          // Plain text runs merged into one string: react-pdf's cost grows with the runs.
          const children: ReactNode[] = []
          let plain = ''
          rows.forEach((row, r) => {
            const cell = row.cells[c]!
            if (r > 0) plain += '\n'
            const drawn = cellText(cell, r)
            if (typeof drawn === 'string') plain += drawn
            else {
              if (plain) children.push(plain)
              plain = ''
              children.push(drawn)
            }
            plain += `\n${BLANK}`.repeat(row.lines - cell.lines)
          })
          if (plain) children.push(plain)
          return (
            <Text key={c} style={{ ...style, fontFamily: family(true) }}>
              {children}
            </Text>
          )
        })}
      </View>
    </View>
  )
}

/** The pieces of a page as drawn, runs of table rows as table bodies. */
export function drawPieces(
  ctx: DrawContext,
  pieces: readonly Piece[],
  draw: (piece: Piece, key: number) => ReactNode,
): ReactNode[] {
  const out: ReactNode[] = []
  let run: Row[] = []
  const flush = () => {
    if (run.length > 0) out.push(<TableBody key={`rows-${out.length}`} ctx={ctx} rows={run} />)
    run = []
  }
  pieces.forEach((piece, i) => {
    if (piece.kind === 'row') {
      run.push(piece)
      if (piece.last) flush()
      return
    }
    flush()
    out.push(draw(piece, i))
  })
  flush()
  return out
}
