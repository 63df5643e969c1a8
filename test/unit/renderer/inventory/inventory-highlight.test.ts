import { describe, expect, it } from 'vitest'
import { HIGHLIGHT_LIMIT, highlightSql } from '../../../../src/renderer/src/lib/inventory-highlight'

describe('SQL highlighting', () => {
  it('marks tokens with classes only', () => {
    const html = highlightSql("SELECT doc->>'form' AS form FROM couchdb -- reports\nWHERE 1 = 1")!
    expect(html).toContain('<span class="hljs-keyword">SELECT</span>')
    expect(html).toContain('<span class="hljs-string">&#x27;form&#x27;</span>')
    expect(html).toContain('<span class="hljs-comment">-- reports</span>')
    expect(html).not.toMatch(/style=/)
  })

  it('escapes markup a hostile server put in a definition', () => {
    const hostile =
      'CREATE VIEW x AS SELECT \'<img src=x onerror=alert(1)>\' AS a, "</code><script>alert(2)</script>" /* <b>&amp; */'
    const html = highlightSql(hostile)!
    // Only highlight.js's own spans are tags; everything of the text is escaped.
    const tags = html.match(/<[^>]*>/g) ?? []
    for (const tag of tags) expect(tag).toMatch(/^<(span class="hljs-[a-z_ -]+"|\/span)>$/)
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;')
    expect(html).toContain('&lt;/code&gt;&lt;script&gt;')
    expect(html).toContain('&amp;amp;')
  })

  it('leaves a definition too long to highlight to plain text', () => {
    expect(highlightSql('x'.repeat(HIGHLIGHT_LIMIT + 1))).toBeNull()
  })
})
