import type { PlanReport } from '../../../../shared/report/model'
import type { Fitted, TextTools } from './measure'
import { family, spans, type DrawContext } from './pieces'
import { fitSpans } from './prepare'
import { COLOUR, CONTENT_WIDTH, LEADING, SIZE, TONES } from './styles'

/** The plan's first two pages: the cover and the contents. */

/** The cover: title, project, deployment and instance, author, dates, the readiness verdict. */
export function Cover({
  ctx,
  tools,
  report,
}: {
  ctx: DrawContext
  tools: TextTools
  report: PlanReport
}) {
  const { View, Text } = ctx.lib
  const { cover } = report
  const fit = (text: string, size: number, bold = false) =>
    tools.fit(text, size, CONTENT_WIDTH * 0.68, { bold, maxLines: 6 })
  const missing = { text: '— not recorded', latin: true, lines: 1 }
  const facts: [string, Fitted][] = [
    ['Deployment', cover.deployment ? fit(cover.deployment, SIZE.body) : missing],
    ['CHT instance', cover.chtInstance ? fit(cover.chtInstance, SIZE.body) : missing],
    ['CHT version', cover.chtVersion ? fit(cover.chtVersion, SIZE.body) : missing],
    ['Author', cover.author ? fit(cover.author, SIZE.body) : missing],
    ['Generated', fit(report.generatedAtText, SIZE.body)],
    ['Wizard version', fit(`${report.app.name} ${report.app.version}`, SIZE.body)],
  ]
  const title = tools.fit(cover.title, 24, CONTENT_WIDTH, { bold: true, maxLines: 4 })
  const project = tools.fit(cover.projectName, 16, CONTENT_WIDTH, { maxLines: 4 })
  const tone = TONES[cover.verdict.tone]
  const verdict = fitSpans(tools, [{ text: cover.verdict.text }], 11, CONTENT_WIDTH - 24, 10)
  return (
    <View>
      <Text style={{ fontSize: SIZE.small, color: COLOUR.muted, marginTop: 80, marginBottom: 8 }}>
        MIGRATION PLAN · FOR SIGN-OFF
      </Text>
      <Text
        style={{
          fontFamily: family(title.latin),
          fontSize: 24,
          fontWeight: 700,
          lineHeight: 1.25,
          marginBottom: 10,
        }}
      >
        {title.text}
      </Text>
      <Text
        style={{
          fontFamily: family(project.latin),
          fontSize: 16,
          lineHeight: 1.3,
          marginBottom: 28,
        }}
      >
        {project.text}
      </Text>
      {facts.map(([label, value]) => (
        <View
          key={label}
          style={{
            flexDirection: 'row',
            paddingVertical: 4,
            borderBottomWidth: 0.5,
            borderBottomColor: COLOUR.rule,
          }}
        >
          <Text style={{ width: '32%', fontWeight: 700 }}>{label}</Text>
          <Text
            style={{
              width: '68%',
              fontFamily: family(value.latin),
              color: value === missing ? COLOUR.missing : COLOUR.ink,
            }}
          >
            {value.text}
          </Text>
        </View>
      ))}
      <View
        style={{
          marginTop: 28,
          borderLeftWidth: 5,
          borderLeftColor: tone.bar,
          backgroundColor: tone.fill,
          padding: 12,
        }}
      >
        <Text style={{ fontSize: SIZE.small, color: COLOUR.muted, marginBottom: 4 }}>
          READINESS
        </Text>
        <Text
          style={{
            fontFamily: family(verdict.latin),
            fontSize: 11,
            lineHeight: LEADING.body,
            color: tone.ink,
            fontWeight: 700,
          }}
        >
          {spans(ctx, verdict)}
        </Text>
      </View>
    </View>
  )
}

/** The contents: each section with its page, read from where its title landed (see planDocument). */
export function Contents({
  ctx,
  tools,
  report,
  pageOf,
  planned,
}: {
  ctx: DrawContext
  tools: TextTools
  report: PlanReport
  /** Each section's first page: filled beforehand when `planned`, else while laid out. */
  pageOf: Map<string, number>
  planned: boolean
}) {
  const { View, Text, Link } = ctx.lib
  return (
    <View>
      <Text style={{ fontSize: SIZE.title, fontWeight: 700, marginBottom: 14 }}>Contents</Text>
      {report.sections.map((section, i) => {
        const title = tools.fit(`${i + 1}. ${section.title}`, 11, CONTENT_WIDTH - 40, {
          maxLines: 3,
        })
        return (
          <Link
            key={section.id}
            src={`#${section.id}`}
            style={{ textDecoration: 'none', color: COLOUR.ink }}
          >
            <View
              style={{
                flexDirection: 'row',
                justifyContent: 'space-between',
                paddingVertical: 5,
                borderBottomWidth: 0.5,
                borderBottomColor: COLOUR.rule,
              }}
            >
              <Text
                style={{
                  width: CONTENT_WIDTH - 40,
                  fontFamily: family(title.latin),
                  fontSize: 11,
                  color: COLOUR.link,
                }}
              >
                {title.text}
              </Text>
              <Text
                style={{ width: 40, fontSize: 11, textAlign: 'right' }}
                {...(planned
                  ? { children: String(pageOf.get(section.id) ?? '') }
                  : { render: () => String(pageOf.get(section.id) ?? '') })}
              />
            </View>
          </Link>
        )
      })}
    </View>
  )
}
