# Order Service: the deployable server (apps/server). Multi-stage, pnpm, Node 20.
#   docker build -t order-service .
#   docker run -p 3000:3000 -e HOST=0.0.0.0 order-service     # embedded default (in memory, dev headers)
# In production set NODE_ENV=production, MONGODB_URI, REDIS_URL, AMQP_URL and AUTH_JWT_SECRET or AUTH_JWKS_URL
# (see .env.example and apps/server/README.md); docker-compose.yml wires all of them.

FROM node:20-slim AS base
ENV PNPM_HOME=/pnpm PATH=/pnpm:$PATH TURBO_TELEMETRY_DISABLED=1 CI=true
# corepack cannot fetch pnpm in some registries; npm can (see docs/decisions.md).
RUN npm install -g pnpm@12.21.0 && pnpm --version
WORKDIR /app

# Everything the workspace needs to install with the frozen lockfile, then the build of the server and
# the packages it depends on.
FROM base AS build
COPY . .
RUN pnpm install --frozen-lockfile
RUN pnpm exec turbo run build --filter=@orders/server...

# Production dependencies only (no compilers, no test tools).
FROM base AS prod-deps
COPY . .
RUN pnpm install --frozen-lockfile --prod

FROM prod-deps AS runtime
COPY --from=build /app/packages/core/dist packages/core/dist
COPY --from=build /app/packages/http-common/dist packages/http-common/dist
COPY --from=build /app/packages/http-express/dist packages/http-express/dist
COPY --from=build /app/packages/http-hono/dist packages/http-hono/dist
COPY --from=build /app/packages/adapter-mongo/dist packages/adapter-mongo/dist
COPY --from=build /app/packages/adapter-redis/dist packages/adapter-redis/dist
COPY --from=build /app/packages/adapter-amqp/dist packages/adapter-amqp/dist
COPY --from=build /app/apps/server/dist apps/server/dist
ENV NODE_ENV=production HOST=0.0.0.0 PORT=3000 CI=
USER node
EXPOSE 3000
HEALTHCHECK --interval=10s --timeout=3s --start-period=10s --retries=3 \
  CMD node -e "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/health/live').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"
# SIGTERM drains in-flight requests, stops consuming, flushes the outbox and exits 0 within
# SHUTDOWN_TIMEOUT_MS (10 s): keep the orchestrator's grace period longer than that.
STOPSIGNAL SIGTERM
CMD ["node", "apps/server/dist/main.js"]
