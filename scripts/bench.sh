#!/usr/bin/env bash
# Benchmarks prfaq on generated libraries, side by side with the floor (reading
# every file once, one `git log` pass) and with Hugo, and prints a Markdown
# table (issue #5).
#
#   scripts/bench.sh                              # 1,000 and 10,000 documents
#   BENCH_SIZES=1000 BENCH_RUNS=3 scripts/bench.sh
#
# Environment:
#   BENCH_SIZES            documents per library (default "1000 10000")
#   BENCH_PROFILES         "standard" (a folder per team, 2 commits per
#                          document), "heavy" (flat content/, ~10 KB
#                          documents, 2 to 10 commits each: paragraphs
#                          rewritten, renames, status moves) or both
#                          (default "standard heavy")
#   BENCH_COMMITS_PER_DOC  commits per document, standard profile (default 2)
#   BENCH_HEAVY_COMMITS_PER_DOC  the same for the heavy profile (default: 5
#                          per document, at most 20,000 commits and at least
#                          2 per document: the libraries of issue #13,
#                          1,000 / 5,000 and 10,000 / 20,000)
#   BENCH_RUNS             timed runs per measurement, median shown (default 5)
#   BENCH_SEED             seed of the generator (default 1)
#   BENCH_INSTALL_HUGO     1: apt-get install hugo when it is not on PATH;
#                          otherwise the Hugo rows need hugo on PATH already
#   BENCH_DIR              work folder (default target/bench)
#   BENCH_SEARCH_ONLY      1: only the cold build and the search rows
#
# Each library is generated once (examples/synth.rs). Every measurement is
# run once under GNU `/usr/bin/time -v` for peak RSS (a failure there marks
# the row "failed" instead of stopping the benchmark), then BENCH_RUNS times
# by hyperfine for the median. Builds are cold: before each run the output
# folder is moved out of the way and the disk synced, so every page is a new
# file. The page cache is warm in every row. hyperfine and GNU time are
# installed with apt-get when missing.
#
# Why the old output is moved aside, not deleted (BENCH_COLD=delete deletes
# it, as before): on an ext4 without a journal, as on the machine this was
# measured on, creating a file within a minute of deleting others makes the
# kernel step over each recently deleted inode (`recently_deleted` in
# fs/ext4/ialloc.c, checked only when there is no journal). Deleting the last
# run's site then charges the next run for every file it creates, up to
# three times its own CPU time, and the charge grows with what the bench
# deleted before. A CI runner's fresh checkout on a journaled disk never pays
# it. The moved folders are deleted when the benchmark ends.
set -euo pipefail
export LC_ALL=C
cd "$(dirname "$0")/.."

SIZES=${BENCH_SIZES:-1000 10000}
PROFILES=${BENCH_PROFILES:-standard heavy}
COMMITS_PER_DOC=${BENCH_COMMITS_PER_DOC:-2}
HEAVY_COMMITS_PER_DOC=${BENCH_HEAVY_COMMITS_PER_DOC:-}
# One column of the table per profile and size: "1000" (standard) or "1000h" (heavy).
COLUMNS=
for profile in $PROFILES; do
  for n in $SIZES; do
    case $profile in heavy) COLUMNS+=" ${n}h" ;; *) COLUMNS+=" $n" ;; esac
  done
done
RUNS=${BENCH_RUNS:-5}
SEED=${BENCH_SEED:-1}
BENCH_DIR=${BENCH_DIR:-target/bench}
TARGET_DIR=${CARGO_TARGET_DIR:-target}
mkdir -p "$BENCH_DIR"
BENCH_DIR=$(cd "$BENCH_DIR" && pwd)
RESULTS=$BENCH_DIR/results
# Outputs taken away before cold runs wait here until the end (see above).
TRASH=$BENCH_DIR/trash
HUGO_SITE=$BENCH_DIR/hugo-site

# Results by "row,N": median seconds (or "failed"), peak RSS in MiB, and a
# note printed under the table.
declare -A TIME=() RSS=() SIZE=() SEARCH=()
NOTES=()

log() { printf 'bench: %s\n' "$*" >&2; }

apt_install() {
  local sudo=
  [ "$(id -u)" = 0 ] || sudo=sudo
  log "installing $1 with apt-get"
  # A fresh machine may have no package lists yet; update only if needed.
  $sudo apt-get install -y -qq "$1" >&2 ||
    { $sudo apt-get update -qq >&2 && $sudo apt-get install -y -qq "$1" >&2; }
}

ensure_tools() {
  command -v hyperfine >/dev/null || apt_install hyperfine
  [ -x /usr/bin/time ] || apt_install time
  if ! command -v hugo >/dev/null && [ "${BENCH_INSTALL_HUGO:-0}" = 1 ]; then
    apt_install hugo
  fi
}

# Builds prfaq and the generator. prfaq may fail to build (the benchmark
# then reports its rows as failed); the generator is std-only, so when the
# crate does not compile it is built on its own with rustc.
build() {
  PRFAQ=
  if cargo build --release --bin prfaq >&2; then
    PRFAQ=$(cd "$TARGET_DIR/release" && pwd)/prfaq
  else
    log "prfaq does not build; its rows will say failed"
  fi
  SEARCH_BENCH=
  if cargo build --release --example search_bench >&2; then
    SEARCH_BENCH=$TARGET_DIR/release/examples/search_bench
  else
    log "cargo cannot build examples/search_bench.rs; no search rows"
  fi
  if cargo build --release --example synth >&2; then
    SYNTH=$TARGET_DIR/release/examples/synth
  else
    log "cargo cannot build examples/synth.rs; building it with rustc alone"
    rustc --edition 2024 -O examples/synth.rs -o "$BENCH_DIR/synth"
    SYNTH=$BENCH_DIR/synth
  fi
}

# Extracts GNU time's peak RSS (kbytes) as whole MiB.
peak_mib() {
  awk -F': ' '/Maximum resident set size/ { printf "%d", $2 / 1024 }' "$1"
}

# clear_command PATH...: a shell command that takes each PATH away (cold
# build) and syncs, so the previous run's writes are not flushed during
# this one. See the header for why PATHs are moved aside, not deleted.
clear_command() {
  local path command=
  for path in "$@"; do
    if [ "${BENCH_COLD:-move}" = delete ]; then
      command+="rm -rf $(printf %q "$path") && "
    else
      command+="{ [ ! -e $(printf %q "$path") ] || mv $(printf %q "$path") \"\$(mktemp -d $(printf %q "$TRASH")/run.XXXXXX)\"/; } && "
    fi
  done
  echo "${command}sync"
}

# measure ROW N OUT COMMAND [STATE]: one checked run under /usr/bin/time -v,
# then hyperfine. OUT, when not empty, is taken away before every run (cold
# build), and so is STATE when given (a first build, no caches).
# COMMAND is a shell command line, as hyperfine runs it.
measure() {
  local row=$1 n=$2 out=$3 cmd=$4 state=${5:-}
  local tag=$RESULTS/$n-$row prepare=true
  [ -z "$out" ] || prepare=$(clear_command "$out" ${state:+"$state"})
  log "N=$n $row: $cmd"
  sh -c "$prepare"
  if ! /usr/bin/time -v -o "$tag.time" sh -c "$cmd" >"$tag.log" 2>&1; then
    TIME[$row,$n]=failed
    log "  failed; output in $tag.log"
    return 1
  fi
  RSS[$row,$n]=$(peak_mib "$tag.time")
  if ! hyperfine --runs "$RUNS" --prepare "$prepare" --style basic \
    --export-json "$tag.json" "$cmd" >>"$tag.log" 2>&1; then
    TIME[$row,$n]=failed
    log "  failed under hyperfine; output in $tag.log"
    return 1
  fi
  TIME[$row,$n]=$(sed -n 's/.*"median": *\([0-9.eE+-]*\).*/\1/p' "$tag.json" | head -n 1)
  log "  median $(seconds "${TIME[$row,$n]}"), peak ${RSS[$row,$n]} MiB"
}

# Documents and commits of a column ("1000h": 1,000 documents, heavy profile).
docs_of() { echo "${1%h}"; }
commits_of() {
  local n=${1%h} heavy
  case $1 in
  *h)
    if [ -n "$HEAVY_COMMITS_PER_DOC" ]; then
      heavy=$((n * HEAVY_COMMITS_PER_DOC))
    else
      heavy=$((n * 5 < 20000 ? n * 5 : (n * 2 > 20000 ? n * 2 : 20000)))
    fi
    echo "$heavy"
    ;;
  *) echo $((n * COMMITS_PER_DOC)) ;;
  esac
}

generate() {
  local n=$1 lib=$2 commits docs flat=()
  commits=$(commits_of "$n") docs=$(docs_of "$n")
  case $n in *h) flat=(--flat) ;; esac
  sh -c "$(clear_command "$lib")"
  log "N=$n generating $docs documents, $commits commits ${flat[*]}"
  /usr/bin/time -v -o "$RESULTS/$n-generate.time" \
    "$SYNTH" --docs "$docs" --commits "$commits" --seed "$SEED" "${flat[@]}" --out "$lib" >&2
  TIME[generate,$n]=$(awk -F': ' '/Elapsed \(wall clock\)/ {
    k = split($2, p, ":"); s = 0; for (i = 1; i <= k; i++) s = s * 60 + p[i]; print s }' \
    "$RESULTS/$n-generate.time")
  RSS[generate,$n]=$(peak_mib "$RESULTS/$n-generate.time")
}

# Minimal Hugo site: only configuration and layouts; the content is the
# library's own, through --source/--contentDir, so GitInfo sees its history.
write_hugo_site() {
  mkdir -p "$HUGO_SITE/layouts/_default"
  # Taxonomies as prfaq renders them: a page per tag and per owner. No
  # feeds, sitemap or 404 page.
  cat >"$HUGO_SITE/hugo.toml" <<'EOF'
baseURL = "http://localhost/"
title = "Synthetic library"
disableKinds = ["RSS", "sitemap", "robotsTXT", "404"]

[taxonomies]
tag = "tags"
owner = "owner"
EOF
  cat >"$HUGO_SITE/layouts/_default/single.html" <<'EOF'
<!doctype html>
<html><head><title>{{ .Title }}</title></head>
<body>
<h1>{{ .Title }}</h1>
<p>{{ .Params.status }} · {{ .Params.stage }} · {{ .Params.owner }}</p>
{{ with .GitInfo }}<p>Last change {{ .AbbreviatedHash }} by {{ .AuthorName }}, {{ .AuthorDate.Format "2006-01-02" }}</p>{{ end }}
{{ .Content }}
</body></html>
EOF
  cat >"$HUGO_SITE/layouts/_default/list.html" <<'EOF'
<!doctype html>
<html><head><title>{{ .Title }}</title></head>
<body>
<h1>{{ .Title }}</h1>
{{ .Content }}
<ul>{{ range .Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}</ul>
</body></html>
EOF
  cp "$HUGO_SITE/layouts/_default/list.html" "$HUGO_SITE/layouts/index.html"
}

# Hugo renders a page per document under OUT/team-NN/doc-NNNNN/; a build
# that silently skipped documents would not be a fair comparison.
check_hugo_pages() {
  local row=$1 n=$2 out=$3 docs pages
  docs=$(find "$out" -path '*doc-*/index.html' | wc -l)
  pages=$(find "$out" -name '*.html' | wc -l)
  log "  Hugo wrote $pages HTML files, $docs of them documents"
  if [ "$docs" -ne "$(docs_of "$n")" ]; then
    NOTES+=("N=$n $row: Hugo rendered $docs of $(docs_of "$n") documents.")
  fi
}

bench_size() {
  local n=$1 lib=$BENCH_DIR/lib-$1 out=$BENCH_DIR/out-$1 q
  generate "$n" "$lib"
  q=$(printf %q "$lib")

  if [ -n "$PRFAQ" ]; then
    # Nothing changed since the last build: the history cache and the manifest do the work.
    measure prfaq "$n" "$out" "$(printf %q "$PRFAQ") build --root $q --output $(printf %q "$out")" || true
    if [ "${BENCH_SEARCH_ONLY:-0}" = 1 ]; then
      bench_search "$n" "$lib" "$out"
      return 0
    fi
    measure prfaq_warm "$n" "" "$(printf %q "$PRFAQ") build --root $q --output $(printf %q "$out")" || true
    one_document_rebuild "$n" "$lib" "$out"
    site_size prfaq "$n" "$out"
    # No state either: what a CI run without the workflow's cache pays.
    measure prfaq_first "$n" "$out" "$(printf %q "$PRFAQ") build --root $q --output $(printf %q "$out")" "$lib/.prfaq" || true
    measure prfaq_nohistory "$n" "$out" \
      "$(printf %q "$PRFAQ") build --root $q --output $(printf %q "$out") --no-history" || true
    stage_time history "$n" "$out" "$lib" "history"
    serve_latency "$n" "$lib"
    bench_search "$n" "$lib" "$out"
  else
    TIME[prfaq,$n]=failed
    TIME[prfaq_nohistory,$n]=failed
  fi

  measure floor_read "$n" "" "find $q/content -name '*.md' -exec cat {} + >/dev/null" || true
  measure floor_log "$n" "" "git -C $q log --name-only --format=%H >/dev/null" || true

  if command -v hugo >/dev/null; then
    local hugo="hugo --quiet --noBuildLock --source $q --contentDir $q/content"
    hugo+=" --config $(printf %q "$HUGO_SITE/hugo.toml") --layoutDir $(printf %q "$HUGO_SITE/layouts")"
    hugo+=" --destination $(printf %q "$out-hugo")"
    if measure hugo_gitinfo "$n" "$out-hugo" "$hugo --enableGitInfo"; then
      check_hugo_pages hugo_gitinfo "$n" "$out-hugo"
    fi
    if measure hugo "$n" "$out-hugo" "$hugo"; then
      check_hugo_pages hugo "$n" "$out-hugo"
      site_size hugo "$n" "$out-hugo"
    fi
  fi
}

# one_document_rebuild N LIB OUT: the history cache warm, one document
# edited and committed before each run, then a build.
one_document_rebuild() {
  local n=$1 lib=$2 out=$3 doc edit
  # sed, not head: head would stop reading, and sort would die of SIGPIPE under pipefail.
  doc=$(find "$lib/content" -name '*.md' | sort | sed -n 1p)
  edit="printf '\nEdited at %s.\n' \"\$(date +%s%N)\" >> $(printf %q "$doc") && git -C $(printf %q "$lib") commit -q -a -m 'Edit one document'"
  log "N=$n one document edited and committed, then a build"
  if hyperfine --runs "$RUNS" --prepare "$edit" --style basic --export-json "$RESULTS/$n-prfaq_one.json" \
    "$(printf %q "$PRFAQ") build --root $(printf %q "$lib") --output $(printf %q "$out")" >>"$RESULTS/$n-prfaq_one.log" 2>&1; then
    TIME[prfaq_one,$n]=$(sed -n 's/.*"median": *\([0-9.eE+-]*\).*/\1/p' "$RESULTS/$n-prfaq_one.json" | head -n 1)
    log "  median $(seconds "${TIME[prfaq_one,$n]}")"
  else
    TIME[prfaq_one,$n]=failed
  fi
}

# site_size WHO N OUT: the published folder in MiB (prfaq's state folder,
# which is never published, left out) and its largest HTML page in KiB.
site_size() {
  local who=$1 n=$2 out=$3
  SIZE[$who,$n]=$(du -sk --exclude=.prfaq-cache --exclude=.prfaq-output "$out" | awk '{ printf "%.0f", $1 / 1024 }')
  SIZE[${who}_page,$n]=$(find "$out" -name '*.html' -printf '%s\n' | sort -n | tail -n 1 | awk '{ printf "%.0f", $1 / 1024 }')
  log "  $who site: ${SIZE[$who,$n]} MiB, largest page ${SIZE[${who}_page,$n]} KiB"
}

# stage_time ROW N OUT LIB STAGE: median over RUNS cold builds of one stage
# of the pipeline, as `PRFAQ_TIMINGS=1` reports it (e.g. history extraction).
stage_time() {
  local row=$1 n=$2 out=$3 lib=$4 stage=$5 i samples=()
  log "N=$n $row: stage \"$stage\" of cold builds"
  for ((i = 0; i < RUNS; i++)); do
    sh -c "$(clear_command "$out")"
    samples+=("$(PRFAQ_TIMINGS=1 "$PRFAQ" build --root "$lib" --output "$out" 2>&1 |
      sed -n "s/^timing: $stage: \([0-9.]*\) s.*$/\1/p")")
  done
  TIME[$row,$n]=$(printf '%s\n' "${samples[@]}" | sort -g | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }')
  log "  median $(seconds "${TIME[$row,$n]}")"
}

# serve_latency N LIB: file saved -> reload event sent, median of 20 edits.
serve_latency() {
  local n=$1 lib=$2
  log "N=$n serve: save -> reload latency"
  if TIME[serve,$n]=$(python3 scripts/reload_latency.py "$PRFAQ" "$lib" 20 2>"$RESULTS/$n-serve.log"); then
    log "  median $(seconds "${TIME[serve,$n]}")"
  else
    TIME[serve,$n]=failed
  fi
}

# Queries typed into the search page: common and rare words, two words, a
# word being typed (prefix), all from the generator's vocabulary.
SEARCH_QUERIES=("pending contracts" "spreadsheet" "reconcile checklists" "point-of-sale systems" "inspe")

# bench_search N LIB OUT: the same cold build with `search = false` (what
# indexing costs), the indexing stage alone, the index's size, and in headless
# Chromium the bytes and time of a first query and a saved edit reaching search.
bench_search() {
  local n=$1 lib=$2 out=$3 toml=$2/site.toml
  cp "$toml" "$toml.bench"
  echo 'search = false' >>"$toml"
  measure prfaq_nosearch "$n" "$out" \
    "$(printf %q "$PRFAQ") build --root $(printf %q "$lib") --output $(printf %q "$out")" || true
  mv "$toml.bench" "$toml"
  stage_time search_index "$n" "$out" "$lib" "search index"
  sh -c "$(clear_command "$out")"
  "$PRFAQ" build --quiet --root "$lib" --output "$out"
  SEARCH[files,$n]=$(find "$out/search-index" -type f | wc -l)
  SEARCH[size,$n]=$(du -sb "$out/search-index" | awk '{ printf "%.1f", $1 / 1048576 }')
  SEARCH[gzip,$n]=$(find "$out/search-index" -type f -exec gzip -6c {} \; | wc -c | awk '{ printf "%.1f", $1 / 1048576 }')
  [ -n "$SEARCH_BENCH" ] && command -v chromium >/dev/null || {
    log "no chromium or search_bench: no browser rows"
    return 0
  }
  log "N=$n search: first queries in headless Chromium"
  if "$SEARCH_BENCH" "$PRFAQ" "$lib" "${SEARCH_QUERIES[@]}" >"$RESULTS/$n-search.log" 2>&1; then
    while read -r key value; do SEARCH[$key,$n]=$value; done < <(grep -E '^[a-z_]+ [0-9.inf]+$' "$RESULTS/$n-search.log")
    log "  $(grep -c '^query' "$RESULTS/$n-search.log") queries; first results median ${SEARCH[first_results_ms_median,$n]} ms"
  else
    log "  failed; output in $RESULTS/$n-search.log"
  fi
}

search_report() {
  local n
  row_measured prfaq_nosearch || return 0
  echo
  echo "Search (index built with the site; figures against the targets of issue #10):"
  echo
  printf '| Search |'
  for n in $COLUMNS; do printf ' %s docs%s |' "$(docs_of "$n")" "$(case $n in *h) echo ', heavy' ;; esac)"; done
  printf '\n|---|'
  for n in $COLUMNS; do printf -- '---:|'; done
  echo
  search_row "Cold build with history, search = false" cell prfaq_nosearch
  search_row "Indexing cost: build with search / without (target ≤ 1.30×)" ratio_cell prfaq prfaq_nosearch
  search_row "Indexing stage alone (PRFAQ_TIMINGS)" cell search_index
  search_row "Peak memory added by search (target ≤ 1024 MiB)" rss_delta prfaq prfaq_nosearch
  search_row "Index: files · MiB (gzip MiB)" index_size
  search_row "First query: bytes fetched, largest of ${#SEARCH_QUERIES[@]} (gzip) (target ≤ 300 KB)" first_bytes
  search_row "First results after the last keystroke, median · max (target ≤ 100 ms)" first_time
  search_row "serve: saved edit → found by the open search page (target ≤ 2 s)" edit_time
}

search_row() {
  local label=$1 fn=$2 n
  shift 2
  printf '| %s |' "$label"
  for n in $COLUMNS; do printf ' %s |' "$("$fn" "$@" "$n")"; done
  echo
}

rss_delta() {
  local a=${RSS[$1,$3]:-} b=${RSS[$2,$3]:-}
  [ -n "$a" ] && [ -n "$b" ] && printf '%+d MiB' "$((a - b))" || printf '–'
}
index_size() { printf '%s · %s (%s)' "${SEARCH[files,$1]:-–}" "${SEARCH[size,$1]:-–}" "${SEARCH[gzip,$1]:-–}"; }
kib() { awk -v b="$1" 'BEGIN { if (b == "") printf "–"; else printf "%.0f KB", b / 1000 }'; }
first_bytes() { printf '%s (%s)' "$(kib "${SEARCH[first_query_bytes_max,$1]:-}")" "$(kib "${SEARCH[first_query_gzip_max,$1]:-}")"; }
first_time() { printf '%s ms · %s ms' "${SEARCH[first_results_ms_median,$1]:-–}" "${SEARCH[first_results_ms_max,$1]:-–}"; }
edit_time() { printf '%s s' "${SEARCH[edit_to_search_s,$1]:-–}"; }

# Seconds with a precision that suits the size.
seconds() {
  awk -v t="$1" 'BEGIN { if (t < 0.1) printf "%.3f s", t; else if (t < 10) printf "%.2f s", t; else printf "%.1f s", t }'
}

size_cell() {
  local a=${SIZE[prfaq,$1]:-} b=${SIZE[hugo,$1]:-}
  [ -n "$a" ] || { printf '–'; return; }
  printf '%s MiB' "$a"
  [ -z "$b" ] || awk -v a="$a" -v b="$b" 'BEGIN { printf " · %s MiB (%.1f×)", b, (b > 0 ? a / b : 0) }'
}

cell() {
  local t=${TIME[$1,$2]:-} r=${RSS[$1,$2]:-}
  case $t in
  "") printf '–' ;;
  failed) printf 'failed' ;;
  *)
    seconds "$t"
    [ -z "$r" ] || printf ' · %s MiB' "$r"
    ;;
  esac
}

ratio_cell() {
  local a=${TIME[$1,$3]:-} b=${TIME[$2,$3]:-}
  case "$a$b" in
  *failed* | "") printf '–' ;;
  *) awk -v a="$a" -v b="$b" 'BEGIN { if (b > 0 && a != "" && b != "") printf "%.2f×", a / b; else printf "–" }' ;;
  esac
}

# Rows in print order as "key|label"; a row nobody measured is not printed.
# A new measurement is a `measure` call in bench_size plus a line here.
ROWS=(
  "generate|Generate the library (synth, 1 run)"
  "prfaq|prfaq build, with history"
  "prfaq_first|prfaq first build, no state (history read from git, no caches)"
  "prfaq_warm|prfaq rebuild, nothing changed (history cache, unchanged files kept)"
  "prfaq_one|prfaq rebuild, one document edited and committed"
  "prfaq_nohistory|prfaq build --no-history"
  "history|History extraction alone (git log + cat-file + snapshots, cold)"
  "serve|serve --watch: save → reload event, one-document edit"
  "floor_read|Floor: read every .md once"
  "floor_log|Floor: git log --name-only"
  "hugo_gitinfo|Hugo, enableGitInfo"
  "hugo|Hugo"
)
RATIOS=(
  "prfaq|hugo_gitinfo|prfaq with history / Hugo with GitInfo (target ≤ 1.0×)"
  "prfaq_first|hugo_gitinfo|prfaq first build, no state / Hugo with GitInfo"
  "prfaq_warm|hugo_gitinfo|prfaq rebuild, nothing changed / Hugo with GitInfo (target ≤ 0.25×)"
  "prfaq_one|hugo_gitinfo|prfaq rebuild, one document / Hugo with GitInfo (target ≤ 0.25×)"
  "prfaq_nohistory|hugo|prfaq --no-history / Hugo (target ≤ 0.5×)"
)

row_measured() {
  local n
  for n in $COLUMNS; do [ -z "${TIME[$1,$n]:-}" ] || return 0; done
  return 1
}

machine() {
  local cpu os commit hugo_version
  os=$(sed -n 's/^PRETTY_NAME="\{0,1\}\([^"]*\)"\{0,1\}$/\1/p' /etc/os-release 2>/dev/null)
  cpu=$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n 1)
  commit=$(git rev-parse --short HEAD 2>/dev/null || echo "no commit")
  [ -z "$(git status --porcelain --untracked-files=no 2>/dev/null)" ] || commit+=" (with uncommitted changes)"
  hugo_version=$(hugo version 2>/dev/null | sed -n 's/^hugo v\([0-9.]*\).*/\1/p' || true)
  echo "Machine: $(nproc) cores, ${cpu:-unknown CPU}, $(awk '/MemTotal/ { printf "%.0f GiB", $2 / 1048576 }' /proc/meminfo) RAM, ${os:-unknown OS}."
  echo "prfaq $commit; $(git --version); Hugo ${hugo_version:-not installed}; $(hyperfine --version)."
  echo "Medians of $RUNS runs (peak RSS from one more run), warm page cache, output folder $( [ "${BENCH_COLD:-move}" = delete ] && echo removed || echo 'moved aside (not deleted: see scripts/bench.sh)') before each build; libraries from \`examples/synth.rs --seed $SEED\`."
}

report() {
  local n entry key label a b
  machine
  echo
  printf '| Measurement |'
  for n in $COLUMNS; do
    printf ' %s docs, %s commits%s |' "$(docs_of "$n")" "$(commits_of "$n")" "$(case $n in *h) echo ', heavy' ;; esac)"
  done
  printf '\n|---|'
  for n in $COLUMNS; do printf -- '---:|'; done
  echo
  for entry in "${ROWS[@]}"; do
    key=${entry%%|*} label=${entry#*|}
    row_measured "$key" || continue
    printf '| %s |' "$label"
    for n in $COLUMNS; do printf ' %s |' "$(cell "$key" "$n")"; done
    echo
  done
  for entry in "${RATIOS[@]}"; do
    IFS='|' read -r a b label <<<"$entry"
    row_measured "$b" || continue
    printf '| %s |' "$label"
    for n in $COLUMNS; do printf ' %s |' "$(ratio_cell "$a" "$b" "$n")"; done
    echo
  done
  printf '| Site size, prfaq · Hugo (target ≤ 2×) |'
  for n in $COLUMNS; do printf ' %s |' "$(size_cell "$n")"; done
  echo
  printf '| Largest HTML page, prfaq · Hugo (target ≤ 1024 KiB) |'
  for n in $COLUMNS; do printf ' %s KiB · %s KiB |' "${SIZE[prfaq_page,$n]:-–}" "${SIZE[hugo_page,$n]:-–}"; done
  echo
  echo
  echo "Cells: median wall time · peak RSS."
  for entry in "${NOTES[@]}"; do echo "Note: $entry"; done
  search_report
}

main() {
  ensure_tools
  build
  rm -rf "$RESULTS"
  mkdir -p "$RESULTS"
  if command -v hugo >/dev/null; then
    write_hugo_site
  else
    log "no hugo on PATH: no Hugo rows (BENCH_INSTALL_HUGO=1 installs it)"
  fi
  local n
  mkdir -p "$TRASH"
  for n in $COLUMNS; do bench_size "$n"; done
  log "deleting the outputs moved aside"
  rm -rf "$TRASH"
  report | tee "$BENCH_DIR/results.md"
  # Odd but valid inputs that must stay linear (each well under a second).
  {
    echo
    echo "Hostile inputs (one document, --no-history):"
    scripts/bench_hostile.sh "$PRFAQ"
  } | tee -a "$BENCH_DIR/results.md"
  log "table saved to $BENCH_DIR/results.md; raw results in $RESULTS"
}

main
