/**
 * Reads an HTTP answer's body as UTF-8 text, or returns null (cancelling the stream, which closes
 * the connection) as soon as it exceeds `maxBytes`: a server that answers with megabytes costs no
 * more than the cap. The request's abort signal still applies.
 */
export async function readCapped(response: Response, maxBytes: number): Promise<string | null> {
  if (!response.body) return ''
  const reader = response.body.getReader()
  const chunks: Uint8Array[] = []
  let total = 0
  for (;;) {
    const { done, value } = await reader.read()
    if (done) break
    total += value.byteLength
    if (total > maxBytes) {
      await reader.cancel().catch(() => undefined)
      return null
    }
    chunks.push(value)
  }
  return new TextDecoder().decode(Buffer.concat(chunks))
}
