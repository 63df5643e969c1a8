import { describe, expect, it } from 'vitest'
import { renderPlanMarkdown } from '../../../../src/main/engine/report/markdown'
import { escapeText, safeHref } from '../../../../src/main/engine/report/markdown-text'
import { planFixture, section } from './plan-fixture'

const md = renderPlanMarkdown(planFixture())

describe('the plan as Markdown', () => {
  it('opens with the title and the cover facts, then a contents list linking to each section', () => {
    expect(md).toMatch(
      /^# Migration plan: cht-couch2pg to CHT Sync\n\n\*\*Kenya \\\| phase \\\*1\\\*\*\*\n/,
    )
    expect(md).toContain('- **CHT instance:** https://kenya.example.org (CHT 4.18.0)')
    expect(md).toContain('- **Author:** Amina Otieno')
    expect(md).toContain('- **Readiness:** Not ready: 3 steps are held.')
    expect(md).toContain('1. [Executive summary](#summary)')
    expect(md).toContain('4. [Parity](#parity) *(empty)*')
    expect(md).toContain(
      '<a id="summary"></a>\n\n## Executive summary\n\n*Where the migration stands.*',
    )
    expect(md).toContain('<a id="summary-readiness"></a>\n\n### Readiness')
    expect(md.endsWith('from the project file alone.*\n')).toBe(true)
    expect(md).not.toMatch(/\n{3}/)
  })

  it('keeps links to the documentation and inside the plan, and drops any other address', () => {
    expect(md).toContain(
      'Read the [CHT Sync guide](https://docs.communityhealthtoolkit.org/hosting/cht-sync/), then [the checks](#checks). **Held** and bad link.',
    )
    expect(md).not.toContain('javascript:')
    expect(safeHref('https://x.org/a b(c)|d')).toBe('https://x.org/a%20b%28c%29%7Cd')
    expect(safeHref('file:///etc/passwd')).toBeNull()
    expect(safeHref('#a"b')).toBeNull()
  })

  it('never reads text from the project as markup, raw HTML or the start of a block', () => {
    expect(md).toContain(
      '\\# not a heading\\\n\\> not a quote\\\n1\\. not a list &lt;script>x&lt;/script>',
    )
    expect(md).not.toContain('<script>')
    expect(escapeText('*a* _b_ snake_case [c](d) `e` ~~f~~ &amp; <g>')).toBe(
      '\\*a\\* \\_b\\_ snake_case \\[c\\](d) \\`e\\` \\~\\~f\\~\\~ &amp;amp; &lt;g>',
    )
    const indented = renderPlanMarkdown(
      planFixture([
        section({
          id: 's',
          blocks: [{ type: 'paragraph', spans: [{ text: '    code?\n  - item?' }] }],
        }),
      ]),
    )
    expect(indented).toContain('\ncode?\\\n\\- item?\n')
  })

  it('shows facts as labelled values, lists as lists, charts as their sentence, callouts with their tone', () => {
    expect(md).toContain('- **Owner:** Amina Otieno\n- **Due:** *— not recorded*')
    expect(md).toContain('- First\n- Second\\\n  line')
    expect(md).toContain('1. Stop couch2pg\n2. Drop')
    expect(md).toContain('**Chart.** Differences per day over the last 30 days: 4 days with runs.')
    expect(md).toContain('> **Warning:** The checks are stale.')
  })

  it('prints tables with their caption, escaping pipes, line breaks and HTML in cells', () => {
    expect(md).toContain(
      [
        '**Decided objects**',
        '',
        '| Object | Rows | Owner |',
        '| --- | ---: | --- |',
        '| a\\|b | 1200 | **Amina** |',
        '| two<br>lines &lt;b> | -5 | *—* |',
      ].join('\n'),
    )
    expect(md).toContain('**Checks by step**\n\n*No check ran yet.*')
  })

  it('leaves out the tables only the JSON and CSV carry', () => {
    expect(md).not.toContain('Every object (data only)')
    expect(md).not.toContain('HYPERLINK')
  })

  it('says which sections are empty, and why', () => {
    expect(md).toContain(
      '## Parity\n\n> **Empty section:** No comparison ran yet: run parity on the Parallel run step.',
    )
    expect(md).toContain('## Optimize advice\n\n*This section holds nothing yet.*')
  })

  it('gives each approval a signature line, and blank lines to sign by hand', () => {
    expect(md).toContain(
      '- **Amina Otieno**, Programme manager, 2 December 2026\\\n  Note: Fine\\\n  Signature: ____________________',
    )
    expect(md).toContain(
      '- Name: ____________________ Role: ____________________ Date: ____________________\\\n  Signature: ____________________',
    )
  })

  it('writes no section ids, keys or column keys as text', () => {
    const visible = md.replace(/<a id="[^"]*"><\/a>/g, '').replace(/\]\(#[^)]*\)/g, '](#)')
    expect(visible).not.toMatch(/summary-readiness|"csv"|printed|\bobject\b/)
  })

  it('marks a cover with nothing recorded', () => {
    const bare = planFixture([])
    bare.cover = {
      ...bare.cover,
      deployment: null,
      chtInstance: null,
      chtVersion: null,
      author: null,
    }
    const text = renderPlanMarkdown(bare)
    expect(text).toContain('- **Deployment:** *— not recorded*')
    expect(text).toContain('- **Author:** *— not recorded*')
    expect(text).not.toContain('## Contents')
  })
})
