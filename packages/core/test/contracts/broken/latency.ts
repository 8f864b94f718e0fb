/** Yields to the event loop `turns` times: the gap in which a racing writer slips in. */
export async function latency(turns = 1): Promise<void> {
  for (let i = 0; i < turns; i += 1) await new Promise((resolve) => setImmediate(resolve))
}
