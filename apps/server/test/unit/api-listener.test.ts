import { once } from 'node:events'
import { createServer } from 'node:http'
import { type AddressInfo, connect } from 'node:net'
import { createOrderService } from '@orders/core'
import { inMemoryAdapters } from '@orders/core/testing'
import { describe, expect, it } from 'vitest'
import { createApiListener } from '../../src/http/api-listener.js'
import { JWT_SECRET } from '../support/jwt.js'

/** The status line, Content-Type and body of the answer to a request line sent byte for byte. */
async function answerTo(port: number, requestLine: string) {
  const socket = connect(port, '127.0.0.1')
  await once(socket, 'connect')
  socket.write(`${requestLine}\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n`)
  const chunks: Buffer[] = []
  socket.on('data', (chunk: Buffer) => chunks.push(chunk))
  await once(socket, 'close')
  const [head = '', body = ''] = Buffer.concat(chunks).toString('utf8').split('\r\n\r\n')
  return {
    status: head.split('\r\n')[0],
    contentType: /^content-type: (.*)$/im.exec(head)?.[1],
    code: body.length > 0 ? (JSON.parse(body) as { code?: string }).code : undefined,
  }
}

describe('the API listener', () => {
  it.each(['express', 'hono'] as const)(
    'answers a backslash path and OPTIONS * with 404 problem+json on %s (regression: a bodyless 400 on Hono)',
    async (framework) => {
      const api = createApiListener(framework, {
        service: createOrderService(inMemoryAdapters()),
        auth: { jwtSecret: JWT_SECRET },
      })
      const server = createServer(api.serverOptions, api.handle).listen(0, '127.0.0.1')
      await once(server, 'listening')
      try {
        const { port } = server.address() as AddressInfo
        for (const line of ['GET /carts\\u-1 HTTP/1.1', 'OPTIONS * HTTP/1.1']) {
          expect([line, await answerTo(port, line)]).toEqual([
            line,
            { status: 'HTTP/1.1 404 Not Found', contentType: 'application/problem+json', code: 'NOT_FOUND' },
          ])
        }
      } finally {
        server.close()
      }
    },
  )
})
