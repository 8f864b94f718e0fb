import { connect, type Socket } from 'node:net'
import { setTimeout as sleep } from 'node:timers/promises'
import { describe, expect, it } from 'vitest'
import { startServerProcess } from '../support/server-process.js'

const IN_FLIGHT = 200

/** A request whose body is only half sent: the server has accepted it and is waiting for the rest. */
async function halfSentRequest(url: URL, userId: string) {
  const body = JSON.stringify({ productId: 'espresso-beans', quantity: 1 })
  const head =
    `POST /carts/${userId}/items HTTP/1.1\r\nHost: ${url.host}\r\nX-User-Id: ${userId}\r\n` +
    `Content-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n`
  const socket: Socket = connect(Number(url.port), url.hostname)
  await new Promise<void>((resolve, reject) => socket.once('connect', resolve).once('error', reject))
  let received = ''
  socket.setEncoding('utf8').on('data', (chunk: string) => {
    received += chunk
  })
  const closed = new Promise<string>((resolve) => socket.once('close', () => resolve(received)))
  socket.on('error', () => {})
  socket.write(head + body.slice(0, 10))
  return {
    finish: () => socket.write(body.slice(10)),
    /** The raw response, once the server closed the connection. */
    response: closed,
  }
}

async function inFlight(url: string): Promise<number> {
  const metrics = await (await fetch(`${url}/metrics`)).text()
  return Number(/^http_requests_in_flight (\d+)$/m.exec(metrics)?.[1])
}

describe.each(['express', 'hono'])('graceful shutdown of the built server on %s', (framework) => {
  it(`answers all ${IN_FLIGHT} requests in flight at SIGTERM, refuses new connections, exits 0`, async () => {
    const server = await startServerProcess({ HTTP_FRAMEWORK: framework })
    const url = new URL(server.url)
    const requests = await Promise.all(
      Array.from({ length: IN_FLIGHT }, (_, i) => halfSentRequest(url, `drain-${framework}-${i}`)),
    )
    // Every request's headers are parsed and its handler waits for the body (+1: the scrape itself).
    await expect.poll(() => inFlight(server.url), { timeout: 10_000 }).toBe(IN_FLIGHT + 1)
    server.child.kill('SIGTERM')
    await sleep(300)
    const refused = await new Promise<boolean>((resolve) => {
      const probe = connect(Number(url.port), url.hostname)
      probe.once('connect', () => {
        probe.destroy()
        resolve(false)
      })
      probe.once('error', () => resolve(true))
    })
    for (const request of requests) request.finish()
    const responses = await Promise.all(requests.map((request) => request.response))
    const statuses = responses.map((raw) => raw.split('\r\n')[0])
    const ok = statuses.filter((line) => line === 'HTTP/1.1 200 OK').length
    console.info(`[e2e] ${framework}: ${ok}/${IN_FLIGHT} in-flight requests answered 200 after SIGTERM`)
    expect(refused).toBe(true)
    expect(statuses.filter((line) => line !== 'HTTP/1.1 200 OK')).toEqual([])
    expect(responses.every((raw) => /"quantity":1/.test(raw))).toBe(true)
    expect(await server.exited).toBe(0)
    expect(server.logs.find((line) => line.msg === 'shutting down: no new connections')).toMatchObject({
      inFlight: IN_FLIGHT,
    })
  })
})
