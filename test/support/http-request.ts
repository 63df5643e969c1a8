import { request, type IncomingHttpHeaders } from 'node:http'

export interface RawResponse {
  status: number
  headers: IncomingHttpHeaders
  body: string
}

export interface RawRequest {
  method?: string
  /** Sent exactly as given (no normalisation), so traversal attempts reach the server intact. */
  path?: string
  /** `host` defaults to `127.0.0.1:<port>`; pass another to play a rebinding attacker. */
  headers?: Record<string, string>
  body?: string | Buffer
}

/**
 * One HTTP request to a local server with full control over the headers.
 *
 * `fetch` refuses to set `Host`, which the DNS-rebinding tests need, hence `node:http`.
 */
export function sendRequest(port: number, options: RawRequest = {}): Promise<RawResponse> {
  const headers = { host: `127.0.0.1:${port}`, ...options.headers }
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port,
        method: options.method ?? 'GET',
        path: options.path ?? '/',
        headers,
        // A fresh connection each time: a pooled one would outlive a server under test.
        agent: false,
      },
      (res) => {
        const chunks: Buffer[] = []
        res.on('data', (chunk: Buffer) => chunks.push(chunk))
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            body: Buffer.concat(chunks).toString('utf8'),
          }),
        )
        res.on('error', reject)
      },
    )
    req.on('error', reject)
    req.end(options.body)
  })
}

/** Sends `POST /api/op/<op>` with a JSON body and the given credential headers. */
export function postOp(
  port: number,
  op: string,
  input: unknown,
  headers: Record<string, string>,
): Promise<RawResponse> {
  return sendRequest(port, {
    method: 'POST',
    path: `/api/op/${op}`,
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(input),
  })
}
