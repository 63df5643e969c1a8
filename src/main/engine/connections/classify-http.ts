import type { ClassifiedError, ClassifyContext } from './classify'

/** The fields of an error (or of one of its causes) the classification reads. */
interface ErrorLike {
  code?: unknown
  name?: unknown
  message?: unknown
}

const text = (value: unknown): string => (typeof value === 'string' ? value : '')

/** undici's answer to a port on the fetch standard's "bad ports" list. */
const BAD_PORT = /^bad port$/i
/** A response larger than undici accepts in its headers. */
const HEADER_OVERFLOW = new Set(['HPE_HEADER_OVERFLOW', 'UND_ERR_HEADERS_OVERFLOW'])
const CLOSED = new Set(['UND_ERR_SOCKET', 'ECONNRESET', 'EPIPE'])
/** Node's message when the other side hangs up before the TLS handshake is done. */
const TLS_HANDSHAKE = /before secure TLS connection was established/i

const COUCH_PORTS =
  'CHT’s CouchDB is reached over https on port 443 (through nginx), or on port 5984 for a bare CouchDB.'

/**
 * Classifies the failures of an HTTP request (Node's `fetch`, i.e. undici) that do not come from
 * the network layer's errno codes, and that would otherwise reach the person as "fetch failed":
 *
 * - a port on the fetch standard's list of unsafe ports (6000, 6665–6669, 10080…), which Node
 *   refuses to connect to at all;
 * - a server that does not speak HTTP on that port: undici's parser errors (`HPE_*`), or a
 *   connection closed without an answer (`other side closed`: PostgreSQL, SSH and https-only
 *   servers do that to an HTTP request), or closed during the TLS handshake of an https address;
 * - headers larger than undici accepts, and a connection cut in the middle of an answer.
 *
 * Returns null for anything else (DNS, refused, timeouts, certificates), which `classify.ts`
 * handles for every endpoint.
 */
export function classifyHttpError(
  chain: readonly ErrorLike[],
  ctx: ClassifyContext,
  where: string,
): ClassifiedError | null {
  const codes = chain.map((e) => text(e.code))
  const messages = chain.map((e) => text(e.message))
  const port = ctx.port ?? 80

  if (messages.some((m) => BAD_PORT.test(m))) {
    return {
      kind: 'other',
      message: `Node’s HTTP client refuses to connect to port ${port}: it is on the list of ports that browsers and Node block as unsafe, because other protocols (X11, IRC, SIP…) use them.`,
      hint: `Reach the server through another port, e.g. an SSH tunnel from a free local port: ssh -N -L 15984:127.0.0.1:${port} <user>@${ctx.host}, then use the same address with 127.0.0.1:15984 in place of ${where}. Or have the server listen on another port (5984, 443).`,
    }
  }
  if (codes.some((c) => HEADER_OVERFLOW.has(c))) {
    return {
      kind: 'not_couchdb',
      message: `${where} answered with HTTP headers larger than any CouchDB sends; it is not behaving like CouchDB.`,
      hint: `Check the address and port: ${COUCH_PORTS}`,
    }
  }
  if (codes.some((c) => c.startsWith('HPE_')) || chain.some((e) => e.name === 'HTTPParserError')) {
    return {
      kind: 'not_couchdb',
      message: `${where} does not speak HTTP: its answer is not an HTTP response, so another kind of server listens on this port.`,
      hint: `Check the port: ${COUCH_PORTS} If the server speaks https on this port, change the address to https://.`,
    }
  }
  if (!codes.some((c) => CLOSED.has(c))) return null
  if (messages.some((m) => TLS_HANDSHAKE.test(m))) {
    return {
      kind: 'tls',
      message: `${where} closed the connection during the TLS handshake: it does not speak https on this port.`,
      hint: `Check the port: ${COUCH_PORTS} If the server speaks plain http on this port, change the address to http://.`,
    }
  }
  // undici's body stream fails with "terminated" once the answer had begun.
  if (text(chain[0]?.message) === 'terminated') {
    return {
      kind: 'other',
      message: `${where} closed the connection in the middle of its answer.`,
      hint: 'Test again; if it keeps happening, the server or a proxy in front of it is cutting connections.',
    }
  }
  return {
    kind: 'other',
    message: `${where} closed the connection without an HTTP answer: whatever listens on this port does not speak HTTP (PostgreSQL and SSH close the connection like this), or speaks only https.`,
    hint: `Check the port: ${COUCH_PORTS} If the server speaks only https on this port, change the address to https://.`,
  }
}
