import { readFileSync } from 'node:fs'
import { parse } from 'dotenv'
import { describe, expect, it } from 'vitest'
import { envSchema } from '../../src/config/env-schema.js'

const text = readFileSync(new URL('../../../../.env.example', import.meta.url), 'utf8')

describe('.env.example', () => {
  it('lists every variable the server reads', () => {
    const listed = new Set([...text.matchAll(/^#? ?([A-Z][A-Z0-9_]+)=/gm)].map((match) => match[1]))
    expect(Object.keys(envSchema.shape).filter((name) => !listed.has(name))).toEqual([])
  })

  it('shows the real defaults', () => {
    const values = parse(text)
    const defaults = envSchema.parse({})
    const fromExample = envSchema.parse(values)
    for (const name of Object.keys(values)) {
      expect({ name, value: fromExample[name as keyof typeof fromExample] }).toEqual({
        name,
        value: defaults[name as keyof typeof defaults],
      })
    }
  })
})
