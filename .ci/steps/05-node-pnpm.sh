# Node 20.19+ and pnpm (corepack cannot fetch pnpm here: install it with npm, see TOOLCHAIN.md).
node -e 'const [M, m] = process.versions.node.split(".").map(Number); if (M < 20 || (M === 20 && m < 19)) { console.error(`Node ${process.versions.node} is too old: need 20.19 or newer`); process.exit(1) }'
if ! command -v pnpm >/dev/null 2>&1; then
  echo "pnpm missing: installing it with npm"
  npm install -g pnpm@12.21.0 >/dev/null
fi
echo "node $(node --version), pnpm $(pnpm --version)"
