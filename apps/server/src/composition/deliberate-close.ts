const closing = new WeakSet<object>()

/**
 * Closes a connection on purpose (the container's deactivation at shutdown), so that its own
 * `disconnected`/`close` event is logged as a close, not as a lost connection.
 */
export async function closeOnPurpose<T extends object>(
  connection: T,
  close: (connection: T) => Promise<unknown>,
): Promise<void> {
  closing.add(connection)
  await close(connection)
}

/** Whether `connection` is being closed by {@link closeOnPurpose}. */
export function closedOnPurpose(connection: object): boolean {
  return closing.has(connection)
}
