import { ADMIN, authorizationOf, PRODUCTS, USER_A } from '../../src/index.js'

/** Where a raw message goes and what it may name: `host` is the server's `127.0.0.1:<port>`. */
export interface EdgeContext {
  host: string
  orderId: string
}

export interface EdgeRequest {
  name: string
  /** The whole message, byte for byte (HTTP/1.1 ones say `Connection: close`). */
  message: (context: EdgeContext) => string
  status: number
}

/** A user whose cart nothing else in the parity test touches, so successful writes here change no other case. */
const EDGE_USER = 'user-edge'
const bearer = (caller: Parameters<typeof authorizationOf>[0]) =>
  `Authorization: ${authorizationOf(caller).authorization}`
const body = JSON.stringify({ productId: PRODUCTS.tea, quantity: 1 })
const json = ['Content-Type: application/json', `Content-Length: ${body.length}`]

function message(lines: string[], content = ''): string {
  return `${lines.join('\r\n')}\r\n\r\n${content}`
}

/** A GET of `target` with this Host line (none when null), as user A, closing the connection. */
function get(target: string, host: string | null): string {
  return message([
    `GET ${target} HTTP/1.1`,
    ...(host === null ? [] : [host]),
    bearer(USER_A),
    'Connection: close',
  ])
}

const chunked = (text: string) => `${text.length.toString(16)}\r\n${text}\r\n`

/**
 * Requests at the edges of HTTP/1.x: no or a broken `Host`, absolute-form targets, HEAD, OPTIONS,
 * repeated headers, chunked bodies, `Expect: 100-continue`. Express and Hono must answer each alike.
 */
export const EDGE_REQUESTS: EdgeRequest[] = [
  {
    name: 'HTTP/1.0 GET without Host',
    message: () => message(['GET /carts/user-a HTTP/1.0', bearer(USER_A)]),
    status: 400,
  },
  {
    name: 'HTTP/1.0 POST with a body, without Host',
    message: () => message([`POST /carts/${EDGE_USER}/items HTTP/1.0`, bearer(EDGE_USER), ...json], body),
    status: 400,
  },
  {
    name: 'HTTP/1.0 GET * without Host',
    message: () => message(['GET * HTTP/1.0', bearer(USER_A)]),
    status: 400,
  },
  {
    name: 'HTTP/1.0 GET with Host',
    message: ({ host, orderId }) =>
      message([`GET /orders/${orderId} HTTP/1.0`, `Host: ${host}`, bearer(USER_A)]),
    status: 200,
  },
  { name: 'an empty Host', message: () => get('/carts/user-a', 'Host:'), status: 400 },
  {
    name: 'a Host with a path',
    message: () => get('/carts/user-a', 'Host: shop.example/carts'),
    status: 400,
  },
  {
    name: 'a Host with user info',
    message: () => get('/carts/user-a', 'Host: user@shop.example'),
    status: 400,
  },
  { name: 'a Host that makes no URL', message: () => get('/carts/user-a', 'Host: a:b'), status: 404 },
  {
    name: 'a Host with a port over 65535',
    message: () => get('/carts/user-a', 'Host: shop.example:99999'),
    status: 404,
  },
  { name: 'a Host in capitals', message: () => get('/carts/user-a', 'Host: SHOP.EXAMPLE:80'), status: 200 },
  {
    name: 'absolute-form naming another host',
    message: ({ host }) => get('http://shop.example/carts/user-a?', `Host: ${host}`),
    status: 200,
  },
  {
    name: 'absolute-form without Host',
    message: ({ host }) => get(`http://${host}/orders?limit=2`, 'Host:'),
    status: 200,
  },
  {
    name: 'absolute-form in capitals',
    message: ({ host }) => get(`HTTP://${host}/carts/user-a`, `Host: ${host}`),
    status: 404,
  },
  {
    name: 'absolute-form with an empty authority',
    message: ({ host }) => get('http:///carts/user-a', `Host: ${host}`),
    status: 404,
  },
  {
    name: 'absolute-form with another scheme',
    message: ({ host }) => get(`ftp://${host}/carts/user-a`, `Host: ${host}`),
    status: 404,
  },
  {
    name: 'absolute-form with a bad port',
    message: ({ host }) => get('http://127.0.0.1:99999/carts/user-a', `Host: ${host}`),
    status: 404,
  },
  {
    name: 'OPTIONS * with a Host port',
    message: () => message(['OPTIONS * HTTP/1.1', 'Host: localhost:80', 'Connection: close']),
    status: 404,
  },
  {
    name: 'OPTIONS on an order',
    message: ({ host, orderId }) =>
      message([`OPTIONS /orders/${orderId} HTTP/1.1`, `Host: ${host}`, bearer(USER_A), 'Connection: close']),
    status: 404,
  },
  {
    name: 'HEAD of a cart',
    message: ({ host }) =>
      message(['HEAD /carts/user-a HTTP/1.1', `Host: ${host}`, bearer(USER_A), 'Connection: close']),
    status: 200,
  },
  {
    name: 'HEAD of an order',
    message: ({ host, orderId }) =>
      message([`HEAD /orders/${orderId} HTTP/1.1`, `Host: ${host}`, bearer(USER_A), 'Connection: close']),
    status: 200,
  },
  {
    name: 'HEAD of a missing order',
    message: ({ host }) =>
      message(['HEAD /orders/o-missing HTTP/1.1', `Host: ${host}`, bearer(USER_A), 'Connection: close']),
    status: 404,
  },
  {
    name: 'HEAD of an unrouted path',
    message: ({ host }) =>
      message(['HEAD /nothing/here HTTP/1.1', `Host: ${host}`, bearer(USER_A), 'Connection: close']),
    status: 404,
  },
  {
    name: 'HEAD without credentials',
    message: ({ host }) => message(['HEAD /carts/user-a HTTP/1.1', `Host: ${host}`, 'Connection: close']),
    status: 401,
  },
  {
    name: 'two Authorization headers',
    message: ({ host }) =>
      message([
        'GET /carts/user-b HTTP/1.1',
        `Host: ${host}`,
        bearer(USER_A),
        bearer(ADMIN),
        'Connection: close',
      ]),
    status: 401,
  },
  {
    name: 'two Content-Type headers',
    message: ({ host }) =>
      message(
        [
          `POST /carts/${EDGE_USER}/items HTTP/1.1`,
          `Host: ${host}`,
          bearer(EDGE_USER),
          ...json,
          'Content-Type: text/plain',
          'Connection: close',
        ],
        body,
      ),
    status: 415,
  },
  {
    name: 'a chunked body with an extension and a trailer',
    message: ({ host }) =>
      message(
        [
          `POST /carts/${EDGE_USER}/items HTTP/1.1`,
          `Host: ${host}`,
          bearer(EDGE_USER),
          'Content-Type: application/json',
          'Transfer-Encoding: chunked',
          'Connection: close',
        ],
        `${chunked(body.slice(0, 9)).replace('\r\n', ';x=1\r\n')}${chunked(body.slice(9))}0\r\nX-Trailer: 1\r\n\r\n`,
      ),
    status: 200,
  },
  {
    name: 'Expect: 100-continue',
    message: ({ host }) =>
      message(
        [
          `POST /carts/${EDGE_USER}/items HTTP/1.1`,
          `Host: ${host}`,
          bearer(EDGE_USER),
          ...json,
          'Expect: 100-continue',
          'Connection: close',
        ],
        body,
      ),
    status: 200,
  },
]
