import { authCredentials } from './auth-credentials.js'
import { authOwnership } from './auth-ownership.js'
import type { BadRequest } from './bad-request.js'
import { headers } from './headers.js'
import { ids } from './ids.js'
import { lengths } from './lengths.js'
import { operators } from './operators.js'
import { ranges } from './ranges.js'
import { syntax } from './syntax.js'
import { types } from './types.js'
import { unknownFields } from './unknown-fields.js'

/** The bad-request corpus: every case answers 4xx problem+json with `expect`, and changes nothing. */
export const BAD_REQUESTS: readonly BadRequest[] = [
  ...syntax,
  ...types,
  ...ranges,
  ...lengths,
  ...unknownFields,
  ...operators,
  ...headers,
  ...ids,
  ...authCredentials,
  ...authOwnership,
]
