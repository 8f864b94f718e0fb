import { request } from 'node:http'
import { connect } from 'node:net'
import { signToken } from './tokens.js'

/** Who calls: a user id (a customer), a user with a role, or exactly this Authorization header. */
export type Caller = string | { sub: string; role?: string } | { authorization: string } | null

export interface HttpCall {
  method: string
  /** Sent exactly as written: no normalization of dot segments or percent-encoding. */
  path: string
  as?: Caller
  headers?: Record<string, string>
  /** Sent as JSON with `Content-Type: application/json` (unless `headers` say otherwise). */
  json?: unknown
  /** Sent as-is; no Content-Type is added. */
  raw?: string | Uint8Array
  /** Sends the body with `Transfer-Encoding: chunked` (no Content-Length), in 64 KiB chunks. */
  chunked?: boolean
}

export interface HttpReply {
  status: number
  /** Lower-case names; repeated headers joined with ', '. */
  headers: Record<string, string>
  text: string
  /** The parsed body when it is JSON, else undefined. */
  body: unknown
}

/** A client of one server under test. */
export interface HttpClient {
  send(call: HttpCall): Promise<HttpReply>
}

const CHUNK = 64 * 1024

export function authorizationOf(caller: Caller | undefined): Record<string, string> {
  if (caller === undefined || caller === null) return {}
  if (typeof caller === 'string') return { authorization: `Bearer ${signToken({ sub: caller })}` }
  if ('authorization' in caller) return { authorization: caller.authorization }
  return { authorization: `Bearer ${signToken(caller)}` }
}

/**
 * Requests over node:http, one connection each, with the path and body bytes exactly as given
 * (fetch would resolve `..`, re-encode the path and refuse some headers).
 */
export function httpClient(baseUrl: string): HttpClient {
  const url = new URL(baseUrl)
  return {
    send(call) {
      const headers: Record<string, string> = { ...authorizationOf(call.as) }
      let payload: Uint8Array | undefined
      if (call.json !== undefined) {
        headers['content-type'] = 'application/json'
        payload = Buffer.from(JSON.stringify(call.json))
      } else if (call.raw !== undefined) {
        payload = typeof call.raw === 'string' ? Buffer.from(call.raw) : call.raw
      }
      if (payload !== undefined && !call.chunked) headers['content-length'] = String(payload.byteLength)
      Object.assign(headers, call.headers)
      return new Promise((resolve, reject) => {
        const req = request(
          { host: url.hostname, port: url.port, method: call.method, path: call.path, headers, agent: false },
          (res) => {
            const chunks: Buffer[] = []
            res.on('data', (chunk: Buffer) => chunks.push(chunk))
            res.on('error', reject)
            res.on('end', () => resolve(replyOf(res.statusCode ?? 0, res.headers, Buffer.concat(chunks))))
          },
        )
        req.on('error', reject)
        if (!call.chunked || payload === undefined) return void req.end(payload)
        for (let at = 0; at < payload.byteLength; at += CHUNK) req.write(payload.subarray(at, at + CHUNK))
        req.end()
      })
    },
  }
}

function replyOf(status: number, raw: NodeJS.Dict<string | string[]>, bytes: Buffer): HttpReply {
  const headers: Record<string, string> = {}
  for (const [name, value] of Object.entries(raw)) {
    if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(', ') : value
  }
  const text = bytes.toString('utf8')
  const isJson = /^application\/(?:[a-z0-9.+-]+\+)?json/.test(headers['content-type'] ?? '')
  return { status, headers, text, body: isJson && text.length > 0 ? JSON.parse(text) : undefined }
}

/**
 * Sends a request line as written (`OPTIONS *`, a backslash in the path: targets a URL parser would
 * refuse or rewrite) over a new connection, with `Host`, `Connection: close` and `headers`, and no
 * body; reads the answer until the server closes. The socket is not half-closed before the answer.
 */
export function sendRawRequest(
  baseUrl: string,
  requestLine: string,
  headers: Record<string, string> = {},
): Promise<HttpReply> {
  const head = [requestLine, `Host: ${new URL(baseUrl).host}`, 'Connection: close']
  for (const [name, value] of Object.entries(headers)) head.push(`${name}: ${value}`)
  return sendRawMessage(baseUrl, `${head.join('\r\n')}\r\n\r\n`)
}

/**
 * Sends `message` byte for byte (request line, headers, blank line and any body: nothing is added, so an
 * HTTP/1.1 message should say `Connection: close`) over a new connection and reads the answer until the
 * server closes; interim 1xx answers (`100 Continue`) are skipped. The socket is not half-closed before
 * the answer.
 */
export function sendRawMessage(baseUrl: string, message: string): Promise<HttpReply> {
  const url = new URL(baseUrl)
  const firstLine = message.slice(0, message.indexOf('\r\n'))
  return new Promise((resolve, reject) => {
    const socket = connect(Number(url.port), url.hostname, () => socket.write(message))
    const chunks: Buffer[] = []
    socket.on('data', (chunk: Buffer) => chunks.push(chunk))
    socket.on('error', reject)
    socket.on('close', () => {
      let bytes = Buffer.concat(chunks)
      let end = bytes.indexOf('\r\n\r\n')
      while (end >= 0 && /^HTTP\/1\.[01] 1\d\d /.test(bytes.subarray(0, 16).toString('latin1'))) {
        bytes = bytes.subarray(end + 4)
        end = bytes.indexOf('\r\n\r\n')
      }
      if (end < 0) return reject(new Error(`[orders] [http-contract-tests] no answer to ${firstLine}`))
      const [statusLine = '', ...lines] = bytes.subarray(0, end).toString('latin1').split('\r\n')
      const raw: Record<string, string[]> = {}
      for (const line of lines) {
        const colon = line.indexOf(':')
        const name = line.slice(0, colon).toLowerCase()
        raw[name] = [...(raw[name] ?? []), line.slice(colon + 1).trim()]
      }
      resolve(replyOf(Number(statusLine.split(' ')[1]), raw, bytes.subarray(end + 4)))
    })
  })
}
