#!/usr/bin/env bash
# Lists at scale (issues #13 and #14): generates a library of LIST_BENCH_DOCS
# documents (default 10,000, flat content/, examples/synth.rs), builds it with
# --no-history, prints the largest HTML pages (the budget is 1 MiB) and the
# size of documents/rows.json, then times sorting and filtering the documents
# table in headless Chromium (examples/list_bench.rs; medians in ms).
#
#   scripts/list_bench.sh
#   LIST_BENCH_DOCS=1000 LIST_BENCH_DIR=/tmp/lists scripts/list_bench.sh
#
# Needs chromium and python3 (the benchmark serves the site with http.server).
set -euo pipefail
export LC_ALL=C
cd "$(dirname "$0")/.."

DOCS=${LIST_BENCH_DOCS:-10000}
COMMITS=${LIST_BENCH_COMMITS:-$((DOCS * 2))}
DIR=${LIST_BENCH_DIR:-target/bench/lists}
RUNS=${LIST_BENCH_RUNS:-15}
TARGET_DIR=${CARGO_TARGET_DIR:-target}
mkdir -p "$DIR"
DIR=$(cd "$DIR" && pwd)
LIB=$DIR/lib-$DOCS
OUT=$DIR/site-$DOCS

cargo build --release --quiet --bin prfaq --example synth --example list_bench
if [ ! -d "$LIB" ]; then
  "$TARGET_DIR/release/examples/synth" --docs "$DOCS" --commits "$COMMITS" --flat --out "$LIB"
fi
rm -rf "$OUT"
"$TARGET_DIR/release/prfaq" build --no-history --root "$LIB" --output "$OUT" 2>&1 | tail -1

echo "largest HTML pages (bytes):"
find "$OUT" -name '*.html' -printf '%s %P\n' | sort -n | tail -5
largest=$(find "$OUT" -name '*.html' -printf '%s\n' | sort -n | tail -1)
over=$(find "$OUT" -name '*.html' -size +1024k | wc -l)
echo "largest_html_bytes $largest"
echo "html_pages_over_1MiB $over"
echo "rows_json_bytes $(stat -c %s "$OUT/documents/rows.json") (gzip: $(gzip -c "$OUT/documents/rows.json" | wc -c))"
"$TARGET_DIR/release/examples/list_bench" "$OUT" "$RUNS"
