#!/usr/bin/env bash
# The README's demo command: provisions the toolchain, installs, builds, and starts the demo.
# With the TanStack Start example present it serves that app on the emulator (or on WorkOS when
# WORKOS_API_KEY is set); otherwise it starts the WorkOS emulator alone.
set -euo pipefail
repo_root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$repo_root"

. scripts/setup.sh
if [ -f examples/tanstack-start/package.json ] && grep -q '"demo"' examples/tanstack-start/package.json; then
  exec pnpm --dir examples/tanstack-start run demo
fi
exec node packages/emulator/dist/cli.js --port "${EMULATOR_PORT:-4100}"
