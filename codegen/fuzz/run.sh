#!/usr/bin/env bash
# Runs one fuzz target for a fixed time and stops by itself.
#   codegen/fuzz/run.sh generate_model 1200   # 20 minutes
#   codegen/fuzz/run.sh generate_bytes 600
#   codegen/fuzz/run.sh server_requests 1800
#   codegen/fuzz/run.sh client_responses 1800
# Extra arguments go to libFuzzer (e.g. -runs=0 to just replay the corpus).
set -euo pipefail
cd "$(dirname "$0")"
target=${1:?target: generate_bytes, generate_model, idl_bytes, server_requests or client_responses}
seconds=${2:-600}
shift $(( $# >= 2 ? 2 : $# ))

# The working corpus is not committed: start it from the committed seeds.
mkdir -p "corpus/$target" "artifacts/$target"
if [ -d "seeds/$target" ]; then cp -n "seeds/$target"/* "corpus/$target/" 2>/dev/null || true; fi

case $target in
  generate_bytes) max_len=200000; dict=(-dict=dict/smithy.dict) ;;
  idl_bytes) max_len=65536; dict=(-dict=dict/idl.dict) ;;
  # A request or response with its canned answer fits in a few KB; longer inputs only add junk.
  server_requests|client_responses) max_len=4096; dict=(-dict=dict/protocol.dict) ;;
  *) max_len=16384; dict=() ;;
esac

# cargo-fuzz passes -Z flags to rustc; RUSTC_BOOTSTRAP lets a stable toolchain accept them.
# No sanitizer: the generator is safe Rust, and ASan needs a nightly runtime. `-a` keeps
# debug assertions and overflow checks on, as in a debug build.
export RUSTC_BOOTSTRAP=1
exec timeout --signal=INT --kill-after=60 "$((seconds + 120))" \
  cargo fuzz run -s none -a "$target" "corpus/$target" -- \
    -max_total_time="$seconds" -timeout=10 -rss_limit_mb=4096 -max_len="$max_len" \
    -fork=1 -ignore_crashes=1 -ignore_timeouts=1 -ignore_ooms=1 \
    -print_final_stats=1 "${dict[@]}" "$@"
