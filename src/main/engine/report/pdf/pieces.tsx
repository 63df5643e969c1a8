import type { Style } from '@react-pdf/types'
import type { ReactNode } from 'react'
import { FONT_CHAIN } from './fonts'
import type { Fitted } from './measure'
import type { PdfLib } from './pdf-lib'
import { pdfChart } from './charts'
import type { Piece, PSpan, PText } from './prepare'
import { TILE_GAP } from './prepare'
import { Signature } from './signature'
import { COLOUR, CONTENT_WIDTH, LEADING, ROOM, SIZE, TONES } from './styles'

/**
 * The pieces of the plan as react-pdf elements. Generic over blocks, never over sections. Few
 * nested views per table row (react-pdf's layout time grows with the nodes), one font family for
 * Latin-only text (the fallback chain costs a lookup per character).
 */

/** What drawing needs besides the piece: the library and the anchors links may point to. */
export interface DrawContext {
  lib: PdfLib
  anchors: ReadonlySet<string>
  /** The font family for some words: Noto Sans alone when it draws them all. */
  familyOf: (text: string) => string | string[]
}

/** The font family of a text: Noto Sans alone when it draws every character. */
export const family = (latin: boolean): string | string[] => (latin ? 'NotoSans' : FONT_CHAIN)

/** One span as drawn: plain text, or a styled text or link keyed `key`. */
export function span(ctx: DrawContext, s: PSpan, key: number): ReactNode {
  const { Text, Link } = ctx.lib
  const style: Style = {}
  if (s.strong) style.fontWeight = 700
  if (s.muted) style.color = COLOUR.muted
  if (s.tone && s.tone !== 'neutral') style.color = TONES[s.tone].ink
  if (s.missing) {
    style.color = COLOUR.missing
    if (s.latin) Object.assign(style, { fontFamily: 'NotoSans', fontStyle: 'italic' })
  }
  const internal = s.href?.startsWith('#')
  if (s.href && (!internal || ctx.anchors.has(s.href.slice(1)))) {
    return (
      <Link key={key} src={s.href} style={{ ...style, color: COLOUR.link }}>
        {s.text}
      </Link>
    )
  }
  if (Object.keys(style).length === 0) return s.text
  return (
    <Text key={key} style={style}>
      {s.text}
    </Text>
  )
}

/** Spans as the children of one text. */
export const spans = (ctx: DrawContext, text: { spans: PSpan[] }): ReactNode[] =>
  text.spans.map((s, i) => span(ctx, s, i))

function Para({
  ctx,
  text,
  size,
  style,
}: {
  ctx: DrawContext
  text: PText
  size: number
  style?: object
}) {
  const { Text } = ctx.lib
  return (
    <Text
      style={{ fontFamily: family(text.latin), fontSize: size, lineHeight: LEADING.body, ...style }}
    >
      {spans(ctx, text)}
    </Text>
  )
}

const plain = (ctx: DrawContext, text: Fitted, style: object) => (
  <ctx.lib.Text style={{ fontFamily: family(text.latin), ...style }}>{text.text}</ctx.lib.Text>
)

const cellStyle = (width: number, align: 'left' | 'right') => ({
  width,
  paddingHorizontal: ROOM.cellPadX,
  paddingVertical: ROOM.cellPadY,
  textAlign: align,
})

/** One piece as drawn. */
export function drawPiece(ctx: DrawContext, piece: Piece, key: number): ReactNode {
  const { View, Text } = ctx.lib
  switch (piece.kind) {
    case 'heading':
      return (
        <View
          key={key}
          id={piece.anchor ?? undefined}
          wrap={false}
          style={{ marginTop: 4, marginBottom: ROOM.heading }}
        >
          {plain(ctx, piece.text, {
            fontSize: SIZE.heading,
            fontWeight: 700,
            lineHeight: LEADING.body,
          })}
        </View>
      )
    case 'paragraph':
      return (
        <Para
          key={key}
          ctx={ctx}
          text={piece.text}
          size={SIZE.body}
          style={{ marginBottom: ROOM.block }}
        />
      )
    case 'fact':
      return (
        <View
          key={key}
          wrap={false}
          style={{
            flexDirection: 'row',
            paddingVertical: 2,
            borderBottomWidth: 0.5,
            borderBottomColor: COLOUR.faint,
          }}
        >
          {plain(ctx, piece.label, {
            width: '30%',
            paddingRight: 8,
            fontSize: SIZE.body,
            fontWeight: 700,
            lineHeight: LEADING.body,
          })}
          <Para ctx={ctx} text={piece.value} size={SIZE.body} style={{ width: '70%' }} />
        </View>
      )
    case 'item':
      return (
        <View key={key} wrap={false} style={{ flexDirection: 'row', marginBottom: 3 }}>
          <Text
            style={{
              width: 18,
              fontFamily: 'NotoSans',
              fontSize: SIZE.body,
              lineHeight: LEADING.body,
            }}
          >
            {piece.marker}
          </Text>
          <Para
            ctx={ctx}
            text={piece.text}
            size={SIZE.body}
            style={{ width: CONTENT_WIDTH - 18 }}
          />
        </View>
      )
    case 'callout': {
      const tone = TONES[piece.tone]
      return (
        <View
          key={key}
          wrap={false}
          style={{
            borderLeftWidth: 4,
            borderLeftColor: tone.bar,
            backgroundColor: tone.fill,
            paddingVertical: 6,
            paddingHorizontal: 10,
            marginBottom: ROOM.block,
          }}
        >
          <Text
            style={{
              fontFamily: family(piece.text.latin),
              fontSize: SIZE.body,
              lineHeight: LEADING.body,
            }}
          >
            <Text style={{ fontWeight: 700, color: tone.ink }}>{`${tone.word}: `}</Text>
            {spans(ctx, piece.text)}
          </Text>
        </View>
      )
    }
    case 'signature':
      return <Signature key={key} ctx={ctx} piece={piece} />
    case 'charts':
      return (
        <View key={key} wrap={false} style={{ flexDirection: 'row', marginBottom: ROOM.block + 6 }}>
          {piece.charts.map((c, i) => {
            const width =
              piece.charts.length > 1 || c.title ? (CONTENT_WIDTH - TILE_GAP) / 2 : CONTENT_WIDTH
            return (
              <View
                key={i}
                style={{ width, marginRight: i === 0 && piece.charts.length > 1 ? TILE_GAP : 0 }}
              >
                {c.title
                  ? plain(ctx, c.title, {
                      fontSize: SIZE.caption,
                      fontWeight: 700,
                      marginBottom: 4,
                    })
                  : null}
                {pdfChart(ctx.lib, c.chart, width, ctx.familyOf)}
                <Para ctx={ctx} text={c.alt} size={SIZE.small} />
              </View>
            )
          })}
        </View>
      )
    case 'table-head':
      return (
        <View key={key} wrap={false}>
          {plain(
            ctx,
            piece.continued
              ? { ...piece.caption, text: `${piece.caption.text} (continued)` }
              : piece.caption,
            {
              fontSize: SIZE.caption,
              fontWeight: 700,
              marginBottom: 4,
            },
          )}
          <View
            style={{
              flexDirection: 'row',
              backgroundColor: COLOUR.headerFill,
              borderBottomWidth: 1,
              borderBottomColor: COLOUR.ink,
            }}
          >
            {piece.columns.map((c, i) => (
              <Text
                key={i}
                style={{
                  ...cellStyle(c.width, c.align),
                  fontFamily: family(c.label.latin),
                  fontSize: SIZE.table,
                  fontWeight: 700,
                  lineHeight: LEADING.table,
                }}
              >
                {c.label.text}
              </Text>
            ))}
          </View>
        </View>
      )
    case 'row':
      // Drawn in runs, column by column (table-body.tsx).
      return null
  }
}
