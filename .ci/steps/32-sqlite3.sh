# Debian's sqlite3 command: the adapter-mongo late-lock test holds FerretDB's SQLite write lock with it
# (it skips without it on a laptop, so CI installs it). Installed only when missing.
if ! command -v sqlite3 >/dev/null 2>&1; then
  echo "sqlite3 missing: installing it"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq sqlite3 >/dev/null
fi
command -v sqlite3 >/dev/null 2>&1 || { echo "sqlite3 is still missing after installing it"; exit 1; }
echo "sqlite3: $(sqlite3 -version | cut -d' ' -f1)"
