export interface IntervalLoop {
  readonly name: string
  /** Stops scheduling; resolves once the pass that is running (if any) has finished. */
  stop(): Promise<void>
}

/**
 * Runs `pass` every `intervalMs`, never two at once. A pass that returns true (a full batch: more
 * is waiting) is followed by the next one at once. A pass that throws is reported and retried on
 * the next tick.
 */
export function startIntervalLoop(options: {
  name: string
  intervalMs: number
  pass: () => Promise<boolean>
  onError: (error: unknown) => void
}): IntervalLoop {
  let stopped = false
  let timer: NodeJS.Timeout | undefined
  let running: Promise<void> = Promise.resolve()

  const tick = () => {
    running = (async () => {
      let more = true
      while (more && !stopped) {
        try {
          more = await options.pass()
        } catch (error) {
          options.onError(error)
          more = false
        }
      }
    })()
    void running.then(() => {
      if (!stopped) timer = setTimeout(tick, options.intervalMs)
    })
  }
  timer = setTimeout(tick, 0)

  return {
    name: options.name,
    async stop() {
      stopped = true
      clearTimeout(timer)
      await running
    },
  }
}
