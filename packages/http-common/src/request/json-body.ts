import { OrderServiceError } from '@orders/core'

const JSON_MEDIA_TYPE = /^application\/(?:[a-z0-9.+-]+\+)?json$/
const utf8 = new TextDecoder('utf-8', { fatal: true })
const UTF8_JSON = 'application/json; charset=utf-8'

export function payloadTooLarge(maxBytes: number): OrderServiceError {
  return new OrderServiceError('PAYLOAD_TOO_LARGE', `the request body exceeds ${maxBytes} bytes`, {
    details: { limit: maxBytes },
  })
}

/** 415 unless the body is declared as JSON (`application/json` or `*+json`), UTF-8, not compressed. */
export function assertJsonContent(
  contentType: string | undefined,
  contentEncoding: string | undefined,
): void {
  // What nearly every client sends, answered without splitting and matching.
  if (contentEncoding === undefined && (contentType === 'application/json' || contentType === UTF8_JSON))
    return
  if (contentEncoding !== undefined && contentEncoding.trim().toLowerCase() !== 'identity') {
    throw unsupported(`Content-Encoding ${contentEncoding} is not supported`)
  }
  if (contentType === undefined) throw unsupported('the body must be application/json')
  const [type = '', ...parameters] = contentType.split(';')
  if (!JSON_MEDIA_TYPE.test(type.trim().toLowerCase())) throw unsupported('the body must be application/json')
  for (const parameter of parameters) {
    const [name = '', value = ''] = parameter.split('=')
    if (
      name.trim().toLowerCase() === 'charset' &&
      value.trim().replaceAll('"', '').toLowerCase() !== 'utf-8'
    ) {
      throw unsupported('the body must be UTF-8')
    }
  }
}

/** Bytes to a JSON value; anything that is not UTF-8 JSON is 400 MALFORMED_REQUEST. */
export function parseJsonBody(bytes: Uint8Array): unknown {
  try {
    return JSON.parse(utf8.decode(bytes))
  } catch {
    throw new OrderServiceError('MALFORMED_REQUEST', 'the body is not valid JSON')
  }
}

export function bodyRequired(): OrderServiceError {
  return new OrderServiceError('MALFORMED_REQUEST', 'a JSON body is required')
}

function unsupported(detail: string): OrderServiceError {
  return new OrderServiceError('UNSUPPORTED_MEDIA_TYPE', detail)
}
