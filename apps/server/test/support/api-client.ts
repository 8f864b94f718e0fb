/** A small JSON client over fetch, authenticated with dev headers or a Bearer token. */
export interface ApiResponse<T = Record<string, unknown>> {
  status: number
  headers: Headers
  body: T
}

export type Caller = { userId: string; role?: 'customer' | 'admin' | 'service' } | { token: string }

export function apiClient(baseUrl: string, caller: Caller) {
  const auth: Record<string, string> =
    'token' in caller
      ? { authorization: `Bearer ${caller.token}` }
      : { 'x-user-id': caller.userId, ...(caller.role ? { 'x-role': caller.role } : {}) }
  async function call<T = Record<string, unknown>>(
    method: string,
    path: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<ApiResponse<T>> {
    const response = await fetch(`${baseUrl}${path}`, {
      method,
      headers: { ...auth, ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    })
    const text = await response.text()
    return { status: response.status, headers: response.headers, body: (text ? JSON.parse(text) : {}) as T }
  }
  return {
    get: <T = Record<string, unknown>>(path: string, headers?: Record<string, string>) =>
      call<T>('GET', path, undefined, headers),
    post: <T = Record<string, unknown>>(path: string, body: unknown = {}, headers?: Record<string, string>) =>
      call<T>('POST', path, body, headers),
    put: <T = Record<string, unknown>>(path: string, body: unknown) => call<T>('PUT', path, body),
    call,
  }
}

/** Walks an order Pending -> Processing -> Shipped -> Delivered as an admin; returns the final statuses. */
export async function deliver(admin: ReturnType<typeof apiClient>, orderId: string): Promise<string[]> {
  const seen: string[] = []
  for (const status of ['Processing', 'Shipped', 'Delivered']) {
    const response = await admin.post<{ status: string }>(`/orders/${orderId}/status`, { status })
    if (response.status !== 200)
      throw new Error(`status ${status}: ${response.status} ${JSON.stringify(response.body)}`)
    seen.push(response.body.status)
  }
  return seen
}
