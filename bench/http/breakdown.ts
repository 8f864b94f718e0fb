import { createHttpPipeline, type RequestReader } from '@orders/http-common'
import { buildFixture, ORDER_OWNER, PRODUCT_ID, SECRET, tokenFor } from './fixtures.js'

interface InMemoryRequest {
  headers: Record<string, string>
  params: Record<string, string>
  body: Uint8Array
}

const reader: RequestReader<InMemoryRequest> = {
  header: (request, name) => request.headers[name],
  params: (request) => request.params,
  query: () => '',
  body: async (request) => request.body,
}

/** CPU time per call (µs) of `operation`, after a warm-up. */
async function cpuMicros(operation: () => Promise<unknown>, calls = 20_000): Promise<number> {
  for (let i = 0; i < 2000; i++) await operation()
  const before = process.cpuUsage()
  for (let i = 0; i < calls; i++) await operation()
  const used = process.cpuUsage(before)
  return (used.user + used.system) / calls
}

/**
 * Where a request's CPU time goes inside the server, measured in this process without sockets: the
 * core use case alone, and the shared HTTP pipeline (auth with a cached token, validation, the same
 * use case, JSON.stringify of the answer) around it. Explains the stack-vs-bare ratios.
 */
export async function printBreakdown(): Promise<void> {
  const fixture = await buildFixture()
  const pipeline = createHttpPipeline({ service: fixture.service, auth: { jwtSecret: SECRET } })
  const route = (name: string) => pipeline.routes.find((r) => r.name === name)!
  const customer = { userId: ORDER_OWNER, role: 'customer' as const }
  const service = { userId: 'bench-service', role: 'service' as const }
  const authorization = { authorization: `Bearer ${await tokenFor('bench-service', 'service')}` }
  const getRequest: InMemoryRequest = {
    headers: { authorization: `Bearer ${await tokenFor(ORDER_OWNER, 'customer')}` },
    params: { orderId: fixture.orderId },
    body: new Uint8Array(),
  }
  const body = new TextEncoder().encode(JSON.stringify({ productId: PRODUCT_ID, quantity: 1 }))
  let user = 0
  const postRequest = (): InMemoryRequest => ({
    headers: { ...authorization, 'content-type': 'application/json' },
    params: { userId: `breakdown-${++user}` },
    body,
  })
  const figures = {
    getCore: await cpuMicros(() => fixture.service.orders.get({ actor: customer, orderId: fixture.orderId })),
    getPipeline: await cpuMicros(() => route('GET /orders/:orderId').run(getRequest, reader)),
    postCore: await cpuMicros(() =>
      fixture.service.carts.addItem({
        actor: service,
        userId: `core-${++user}`,
        productId: PRODUCT_ID,
        quantity: 1,
      }),
    ),
    postPipeline: await cpuMicros(() => route('POST /carts/:userId/items').run(postRequest(), reader)),
  }
  console.log('\nCPU per request inside the server (in-process, no sockets, token cache on):')
  for (const [name, core, whole] of [
    ['GET order', figures.getCore, figures.getPipeline],
    ['POST cart line', figures.postCore, figures.postPipeline],
  ] as const) {
    console.log(
      `  ${name.padEnd(15)} core use case ${core.toFixed(1).padStart(5)} µs   shared HTTP pipeline around it ` +
        `${(whole - core).toFixed(1).padStart(5)} µs   together ${whole.toFixed(1).padStart(5)} µs`,
    )
  }
}
