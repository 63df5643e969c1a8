import type { Fitted } from './measure'
import type { Piece } from './prepare'
import { family, type DrawContext } from './pieces'
import { COLOUR, LEADING, SIZE } from './styles'

/**
 * A signature block: a line to sign on, then the name, role and date under it. A blank block (no
 * approval recorded) has lines to write them on; a recorded approval missing its role or date
 * says so, in grey.
 */
export function Signature({
  ctx,
  piece,
}: {
  ctx: DrawContext
  piece: Extract<Piece, { kind: 'signature' }>
}) {
  const { View, Text } = ctx.lib
  const blank = piece.name.text === ''
  const label = (text: string) => (
    <Text style={{ fontFamily: 'NotoSans', fontSize: SIZE.small, color: COLOUR.muted }}>
      {text}
    </Text>
  )
  const field = (name: string, value: Fitted) => (
    <View style={{ width: '33%', paddingRight: 10 }}>
      {label(name)}
      {blank ? (
        <View style={{ height: 18, borderBottomWidth: 0.5, borderBottomColor: COLOUR.muted }} />
      ) : value.text ? (
        <Text
          style={{ fontFamily: family(value.latin), fontSize: SIZE.body, lineHeight: LEADING.body }}
        >
          {value.text}
        </Text>
      ) : (
        <Text
          style={{
            fontFamily: 'NotoSans',
            fontStyle: 'italic',
            fontSize: SIZE.body,
            color: COLOUR.missing,
          }}
        >
          — not recorded
        </Text>
      )}
    </View>
  )
  return (
    <View wrap={false} style={{ marginBottom: 14 }}>
      <View
        style={{
          height: 30,
          borderBottomWidth: 0.8,
          borderBottomColor: COLOUR.ink,
          marginBottom: 2,
        }}
      />
      <View style={{ marginBottom: 4 }}>
        {label(blank ? 'Signature (to sign by hand)' : 'Signature')}
      </View>
      <View style={{ flexDirection: 'row' }}>
        {field('Name', piece.name)}
        {field('Role', piece.role)}
        {field('Date', piece.date)}
      </View>
      {piece.note.spans.length > 0 ? (
        <Text
          style={{
            fontFamily: family(piece.note.latin),
            fontSize: SIZE.small,
            color: COLOUR.muted,
            marginTop: 3,
            lineHeight: LEADING.body,
          }}
        >
          {piece.note.spans.map((s) => s.text).join('')}
        </Text>
      ) : null}
    </View>
  )
}
