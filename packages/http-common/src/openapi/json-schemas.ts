import { z } from 'zod'
import { schemaRegistry } from '../schemas/primitives.js'

const COMPONENT_PREFIX = '#/components/schemas/'

/** Every named schema of the registry, as OpenAPI 3.1 components (JSON Schema 2020-12). */
export function componentSchemas(): Record<string, Record<string, unknown>> {
  const { schemas } = z.toJSONSchema(schemaRegistry, {
    target: 'draft-2020-12',
    io: 'input',
    uri: (id) => `${COMPONENT_PREFIX}${id}`,
  })
  const components: Record<string, Record<string, unknown>> = {}
  for (const [id, schema] of Object.entries(schemas)) {
    const { $schema: _schema, $id: _id, ...rest } = schema as Record<string, unknown>
    components[id] = rest
  }
  return components
}

/** A reference to a named schema, or the schema inlined when it has no name. */
export function schemaOrRef(schema: z.ZodType): Record<string, unknown> {
  const id = schemaRegistry.get(schema)?.id
  if (id !== undefined) return { $ref: `${COMPONENT_PREFIX}${id}` }
  const { $schema: _schema, ...rest } = z.toJSONSchema(schema, {
    target: 'draft-2020-12',
    io: 'input',
  }) as Record<string, unknown>
  return rest
}

/** The fields of an object schema (path or query parameters): name, schema, required. */
export function objectFields(
  schema: z.ZodType,
): { name: string; schema: Record<string, unknown>; required: boolean }[] {
  if (!(schema instanceof z.ZodObject)) throw new Error('[orders] [http] parameters must be a zod object')
  return Object.entries(schema.shape as Record<string, z.ZodType>).map(([name, field]) => {
    const { description, ...fieldSchema } = schemaOrRef(field)
    return {
      name,
      schema: fieldSchema,
      required: !field.safeParse(undefined).success,
      ...(typeof description === 'string' ? { description } : {}),
    }
  })
}
