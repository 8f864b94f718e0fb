import { Writable } from 'node:stream'
import { pino } from 'pino'

/** A real pino logger whose JSON lines are kept in `lines` (for assertions) instead of printed. */
export function capturingLogger() {
  const lines: Record<string, unknown>[] = []
  const stream = new Writable({
    write(chunk, _encoding, done) {
      lines.push(JSON.parse(String(chunk)))
      done()
    },
  })
  return { logger: pino({ level: 'debug' }, stream), lines }
}
