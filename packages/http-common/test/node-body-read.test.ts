import { once } from 'node:events'
import { createServer, type IncomingMessage } from 'node:http'
import { connect } from 'node:net'
import { describe, expect, it } from 'vitest'
import { readNodeBody } from '../src/request/node-body.js'

/** Serves one raw request; the handler reads the body synchronously, as the pipeline does with a cached token. */
async function readFromHandler(raw: string) {
  let dataListeners = 0
  let body: Promise<Uint8Array> | undefined
  const server = createServer((request: IncomingMessage, response) => {
    const on = request.on.bind(request)
    request.on = ((event: string, listener: (...args: unknown[]) => void) => {
      if (event === 'data') dataListeners++
      return on(event, listener)
    }) as typeof request.on
    body = readNodeBody(request, 1_000)
    body.then(
      () => response.end('ok'),
      () => response.end('failed'),
    )
  })
  server.listen(0, '127.0.0.1')
  await once(server, 'listening')
  const client = connect((server.address() as { port: number }).port, '127.0.0.1')
  await once(client, 'connect')
  client.write(raw)
  await once(client, 'data')
  client.destroy()
  server.close()
  return { text: new TextDecoder().decode(await body!), dataListeners }
}

describe('readNodeBody from inside the request handler', () => {
  it('takes a body that came with the headers in one read, without stream listeners', async () => {
    const json = '{"productId":"p1","quantity":1}'
    const result = await readFromHandler(
      `POST /carts/u1/items HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: ${json.length}\r\n\r\n${json}`,
    )
    expect(result).toEqual({ text: json, dataListeners: 0 })
  })

  it('streams a chunked body that is not all there yet', async () => {
    const result = await readFromHandler(
      'POST /carts/u1/items HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n3\r\n{"a\r\n5\r\n":1}\n\r\n0\r\n\r\n',
    )
    expect(result.text).toBe('{"a":1}\n')
  })
})
