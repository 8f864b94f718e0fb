import { once } from 'node:events'
import { createServer, type IncomingMessage } from 'node:http'
import { connect } from 'node:net'
import { setTimeout as sleep } from 'node:timers/promises'
import { describe, expect, it } from 'vitest'
import { readNodeBody } from '../src/request/node-body.js'

describe('readNodeBody when the client is gone', () => {
  it('rejects with MALFORMED_REQUEST when the client left before the body was read', async () => {
    const requests: IncomingMessage[] = []
    const server = createServer((request) => requests.push(request))
    server.listen(0, '127.0.0.1')
    await once(server, 'listening')
    const { port } = server.address() as { port: number }
    const client = connect(port, '127.0.0.1')
    await once(client, 'connect')
    client.write(
      'POST /orders HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{"a":',
    )
    while (requests.length === 0) await sleep(5)
    client.destroy()
    await sleep(100) // the pipeline is still authenticating while the client goes away
    const outcome = readNodeBody(requests[0]!, 1_000).then(
      () => 'resolved',
      (error: { code?: string }) => error.code,
    )
    const settled = await Promise.race([outcome, sleep(2_000).then(() => 'pending')])
    server.close()
    expect(settled).toBe('MALFORMED_REQUEST')
  })
})
