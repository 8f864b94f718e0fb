import { connect, createServer, type Server, type Socket } from 'node:net'

/**
 * A TCP proxy in front of the broker that one test controls: `cut()` drops every connection through it,
 * `down()` also refuses new ones until `up()`. It stands in for a network failure without touching the
 * shared broker (whose other connections belong to parallel tests).
 */
export class TcpProxy {
  private readonly sockets = new Set<Socket>()
  private isDown = false
  private server: Server | undefined
  /** Connections accepted while up (each cut forces clients to open new ones). */
  connectionsAccepted = 0

  constructor(private readonly target: { host: string; port: number }) {}

  /** Listens on an ephemeral loopback port; returns it. */
  async listen(): Promise<number> {
    const server = createServer((client) => this.accept(client))
    this.server = server
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    const address = server.address()
    if (!address || typeof address === 'string') throw new Error('proxy has no port')
    return address.port
  }

  /** Destroys every proxied connection (both sides): clients see the connection drop. */
  cut(): void {
    for (const socket of this.sockets) socket.destroy()
    this.sockets.clear()
  }

  /** Cuts and refuses new connections (they are closed as soon as they open) until `up()`. */
  down(): void {
    this.isDown = true
    this.cut()
  }

  up(): void {
    this.isDown = false
  }

  async close(): Promise<void> {
    this.cut()
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()))
  }

  private accept(client: Socket): void {
    if (this.isDown) {
      client.destroy()
      return
    }
    this.connectionsAccepted += 1
    const upstream = connect(this.target.port, this.target.host)
    for (const socket of [client, upstream]) {
      this.sockets.add(socket)
      socket.on('error', () => {})
      socket.on('close', () => {
        this.sockets.delete(socket)
        client.destroy()
        upstream.destroy()
      })
    }
    client.pipe(upstream)
    upstream.pipe(client)
  }
}

/** The broker URL with its host and port replaced by the proxy's. */
export function proxiedUrl(url: string, port: number): string {
  const parsed = new URL(url)
  parsed.hostname = '127.0.0.1'
  parsed.port = String(port)
  return parsed.toString()
}

/** Host and port of an AMQP URL. */
export function brokerAddress(url: string): { host: string; port: number } {
  const parsed = new URL(url)
  return { host: parsed.hostname, port: Number(parsed.port || 5672) }
}
