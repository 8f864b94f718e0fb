import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'

export interface StaticFile {
  contentType: string
  body: Buffer | string
}

/** The swagger-ui-dist assets served under /docs (from node_modules: no CDN). */
const ASSETS = new Map<string, string>(
  Object.entries({
    'swagger-ui.css': 'text/css; charset=utf-8',
    'index.css': 'text/css; charset=utf-8',
    'swagger-ui-bundle.js': 'text/javascript; charset=utf-8',
    'swagger-ui-standalone-preset.js': 'text/javascript; charset=utf-8',
    'favicon-32x32.png': 'image/png',
    'favicon-16x16.png': 'image/png',
  }),
)

const PAGE = `<!DOCTYPE html>
<html lang="en">
  <head>
    <meta charset="UTF-8">
    <title>Order Service API</title>
    <link rel="stylesheet" type="text/css" href="/docs/swagger-ui.css" />
    <link rel="stylesheet" type="text/css" href="/docs/index.css" />
    <link rel="icon" type="image/png" href="/docs/favicon-32x32.png" sizes="32x32" />
  </head>
  <body>
    <div id="swagger-ui"></div>
    <script src="/docs/swagger-ui-bundle.js" charset="UTF-8"></script>
    <script src="/docs/swagger-ui-standalone-preset.js" charset="UTF-8"></script>
    <script src="/docs/swagger-initializer.js" charset="UTF-8"></script>
  </body>
</html>
`

const INITIALIZER = `window.onload = function () {
  window.ui = SwaggerUIBundle({
    url: '/openapi.json',
    dom_id: '#swagger-ui',
    deepLinking: true,
    presets: [SwaggerUIBundle.presets.apis, SwaggerUIStandalonePreset],
    layout: 'StandaloneLayout',
    // No validator badge: it would send the spec's URL to validator.swagger.io (any host but localhost).
    validatorUrl: null,
  })
}
`

/** Serves /docs (Swagger UI over /openapi.json); assets are read once, on first use. */
export function apiDocs(): (path: string) => StaticFile | undefined {
  const cache = new Map<string, StaticFile>()
  let root: string | undefined
  return (path) => {
    if (path === '/docs' || path === '/docs/') return { contentType: 'text/html; charset=utf-8', body: PAGE }
    if (path === '/docs/swagger-initializer.js')
      return { contentType: 'text/javascript; charset=utf-8', body: INITIALIZER }
    const name = path.startsWith('/docs/') ? path.slice('/docs/'.length) : ''
    const contentType = ASSETS.get(name)
    if (!contentType) return undefined
    let file = cache.get(name)
    if (!file) {
      root ??= dirname(createRequire(import.meta.url).resolve('swagger-ui-dist/package.json'))
      file = { contentType, body: readFileSync(join(root, name)) }
      cache.set(name, file)
    }
    return file
  }
}
