import type { TransactionalRepositories, UnitOfWork } from '../ports/unit-of-work.port.js'

/** No transactions in memory: `run` passes the plain repositories (the single-document path). */
export function inMemoryUnitOfWork(repositories: TransactionalRepositories): UnitOfWork {
  return { transactional: false, run: (work) => work(repositories) }
}
