import { randomBytes } from 'node:crypto'
import { type ChannelModel, type ConfirmChannel, connect, type GetMessage } from 'amqplib'

/** The broker under test. */
export const AMQP_URL = process.env.AMQP_URL ?? 'amqp://guest:guest@127.0.0.1:5672'

/**
 * Whether the broker answers. Without it the suites skip with a message, except under CI=true where a
 * missing broker is a failure.
 */
export async function brokerAvailable(): Promise<boolean> {
  try {
    const model = await connect(AMQP_URL, { timeout: 2000 })
    await model.close()
    return true
  } catch (error) {
    if (process.env.CI === 'true') {
      throw new Error(`[adapter-amqp tests] RabbitMQ is required in CI but ${AMQP_URL} failed: ${error}`)
    }
    console.warn(`[adapter-amqp tests] skipping: no RabbitMQ at ${AMQP_URL} (${(error as Error).message})`)
    return false
  }
}

/** A prefix unique to one test file run, for every exchange and queue it declares. */
export function uniqueNames(file: string): string {
  return `test.${file}.${randomBytes(4).toString('hex')}`
}

/**
 * A direct (un-proxied) connection the test uses to publish, inspect and clean up. Deletes what `track`ed
 * on `cleanup()`.
 */
export class BrokerFixture {
  private readonly queues = new Set<string>()
  private readonly exchanges = new Set<string>()

  private constructor(
    readonly model: ChannelModel,
    readonly channel: ConfirmChannel,
  ) {}

  static async open(): Promise<BrokerFixture> {
    const model = await connect(AMQP_URL)
    const channel = await model.createConfirmChannel()
    return new BrokerFixture(model, channel)
  }

  trackQueues(...names: string[]): void {
    for (const name of names) this.queues.add(name)
  }

  trackExchanges(...names: string[]): void {
    for (const name of names) this.exchanges.add(name)
  }

  /** Messages ready in a queue. */
  async depth(queue: string): Promise<number> {
    return (await this.channel.checkQueue(queue)).messageCount
  }

  /** Waits for the next message in `queue` and takes it off (no ack); throws when none comes in time. */
  async take(queue: string): Promise<GetMessage> {
    let message: GetMessage | false = false
    await eventually(async () => {
      message = await this.channel.get(queue, { noAck: true })
      return message !== false
    })
    if (!message) throw new Error(`nothing reached ${queue}`)
    return message
  }

  /** Deletes every tracked queue and exchange, then closes. */
  async cleanup(): Promise<void> {
    const channel = await this.model.createChannel()
    for (const queue of this.queues) await channel.deleteQueue(queue).catch(() => {})
    for (const exchange of this.exchanges) await channel.deleteExchange(exchange).catch(() => {})
    await this.model.close().catch(() => {})
  }
}

/** Polls `check` until it returns true or `timeoutMs` passes; returns the last result. */
export async function eventually(
  check: () => boolean | Promise<boolean>,
  timeoutMs = 10_000,
): Promise<boolean> {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    if (await check()) return true
    if (Date.now() > deadline) return false
    await new Promise((resolve) => setTimeout(resolve, 20))
  }
}
