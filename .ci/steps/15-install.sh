# Workspace packages, exactly as locked.
pnpm install --frozen-lockfile
