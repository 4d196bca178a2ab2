#!/usr/bin/env bash
# Times prfaq on odd but valid inputs that must stay linear: one document
# with 20,000 identical FAQ headings, and one with 20,000 links to missing
# documents. Each must build in well under a second.
#
#   scripts/bench_hostile.sh [PRFAQ_BINARY]
#
# Prints one line per case: name, documents' size, wall time and CPU time
# (user + system), each the median of BENCH_RUNS (default 3). On a busy
# machine the CPU time is the figure to compare.
set -euo pipefail
cd "$(dirname "$0")/.."
PRFAQ=${1:-target/release/prfaq}
RUNS=${BENCH_RUNS:-3}
N=${BENCH_HOSTILE_N:-20000}
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT

[ -x "$PRFAQ" ] || cargo build --release --quiet
command -v /usr/bin/time >/dev/null || { echo "bench_hostile.sh: needs GNU time (apt-get install time)" >&2; exit 1; }

front='+++\ntitle = "Hostile"\nowner = "Ann"\nstatus = "draft"\nstage = "define"\n+++\n'
mkdir -p "$WORK/headings/content" "$WORK/links/content"
{
  printf "$front## Press Release\n\nText.\n\n## External FAQ\n\n"
  for ((i = 0; i < N; i++)); do printf '### Same question?\n\nSame answer.\n\n'; done
} > "$WORK/headings/content/headings.md"
{
  printf "$front## Press Release\n\n"
  for ((i = 0; i < N; i++)); do printf '[broken %d](missing-%d.md)\n' "$i" "$i"; done
} > "$WORK/links/content/links.md"

median() { sort -n | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }'; }

for case in headings links; do
  walls=()
  cpus=()
  for ((run = 0; run < RUNS; run++)); do
    rm -rf "$WORK/$case/public" "$WORK/$case/.prfaq"
    /usr/bin/time -f '%e %U %S' -o "$WORK/time" \
      "$PRFAQ" build --root "$WORK/$case" --no-history --quiet >/dev/null 2>&1 || true
    read -r wall user sys <"$WORK/time"
    walls+=("$wall")
    cpus+=("$(awk -v u="$user" -v s="$sys" 'BEGIN { print u + s }')")
  done
  printf '%s\t%d\twall %.2f s\tcpu %.2f s\n' "$case" "$N" \
    "$(printf '%s\n' "${walls[@]}" | median)" "$(printf '%s\n' "${cpus[@]}" | median)"
done
