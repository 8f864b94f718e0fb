import { createConnection } from 'mongoose'

/** The URI with its path set to `database` (query parameters kept). */
export function databaseUri(uri: string, database: string): string {
  const url = new URL(uri)
  url.pathname = `/${database}`
  return url.toString()
}

/** Drops a test database. */
export async function dropDatabase(uri: string, database: string): Promise<void> {
  const connection = await createConnection(databaseUri(uri, database), {
    serverSelectionTimeoutMS: 5000,
  }).asPromise()
  try {
    await connection.dropDatabase()
  } finally {
    await connection.close()
  }
}
