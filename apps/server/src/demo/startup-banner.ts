import type { ServerConfig } from '../config/server-config.js'

/** Where a client on this machine reaches the server. */
export function baseUrl(config: ServerConfig, port: number): string {
  const host = ['0.0.0.0', '::', ''].includes(config.http.host) ? '127.0.0.1' : config.http.host
  return `http://${host.includes(':') ? `[${host}]` : host}:${port}`
}

/** Copy-paste curl commands for a first checkout (dev headers), printed at start in the embedded default. */
export function curlExample(url: string, productId: string): string[] {
  const user = "-H 'X-User-Id: demo-user'"
  const json = "-H 'Content-Type: application/json'"
  return [
    `curl -s -X POST ${url}/carts/demo-user/items ${user} ${json} -d '{"productId":"${productId}","quantity":2}'`,
    `curl -s -X POST ${url}/carts/demo-user/checkout ${user} ${json} -d '{}'`,
    `curl -s ${url}/orders ${user}`,
  ]
}

/** A plain-text block (not JSON) so the commands can be copied as they are. */
export function startupBanner(config: ServerConfig, port: number, productIds: readonly string[]): string {
  const url = baseUrl(config, port)
  const lines = [
    '',
    '  Order Service: embedded default (in-memory storage, nothing is persisted)',
    `  Listening on ${url}  -  API docs ${url}/docs`,
    `  Demo catalog: ${productIds.join(', ')}`,
    '  Dev headers are on: X-User-Id / X-Role are trusted without a token (never in production).',
    '',
    '  Try it:',
    ...curlExample(url, productIds[0] ?? 'espresso-beans').map((line) => `    ${line}`),
    '',
  ]
  return `${lines.join('\n')}\n`
}
