#!/usr/bin/env bash
# compare-throughput.sh — compare the conversion cost of two builds of weijian, interleaved.
#
# usage: scripts/compare-throughput.sh BEFORE_TREE AFTER_TREE [OUTDIR]
#
#   BEFORE_TREE, AFTER_TREE: two checkouts (git worktrees) of the project, each with its own
#     target/ directory, e.g. `git worktree add --detach /work/wt-base <commit>`.
#   OUTDIR: where raw results go (default /tmp/wj-compare); a summary is printed at the end.
#
# Environment (defaults in brackets):
#   ROUNDS [3]      criterion rounds per tree, run A B A B ...
#   MTIME [5]       criterion --measurement-time in seconds
#   STARTUP_N [30]  one-line-report runs per binary, interleaved A B A B ...
#   DEV24 [/work/shared/corpus/dev]  folder of the reports counted under callgrind
#   SKIP=...        any of "build criterion instr startup rss" to leave out (space separated)
#
# What it does, in order (the machine's speed swings, so every timing alternates the builds):
#   1. builds the release binary and the criterion bench in each tree (no-op if fresh; the
#      release profile uses fat LTO, several minutes each, one tree after the other);
#   2. criterion: `target/release/deps/convert-* --bench --measurement-time MTIME` run
#      alternately in the two trees (the same binary `cargo bench --bench convert` runs),
#      throughput of "convert/dev corpus" and "convert/1 MB report" taken from its output;
#   3. instructions: `valgrind --tool=callgrind` on `weijian convert F -o X` for each report of
#      DEV24, each in its own process, summed; and on a one-line report (deterministic, once);
#   4. startup: wall time of `weijian convert tiny.txt -o X` (a one-line report), STARTUP_N
#      runs each interleaved, timed with `date +%s%N` (hyperfine is not installed here);
#   5. peak memory: `/usr/bin/time -v` maximum resident set on two ~1 MB reports made from
#      the tests/fixtures/*.txt of AFTER_TREE (all of them; and only those that run to their
#      end, as the bench's "1 MB report"), repeated to just over 1 MiB, three runs each,
#      interleaved.
# Medians and after/before ratios are printed; raw figures stay in OUTDIR.
set -euo pipefail

A=$(cd "$1" && pwd); B=$(cd "$2" && pwd); OUT=${3:-/tmp/wj-compare}
ROUNDS=${ROUNDS:-3}; MTIME=${MTIME:-5}; STARTUP_N=${STARTUP_N:-30}
DEV24=${DEV24:-/work/shared/corpus/dev}; SKIP=${SKIP:-}
mkdir -p "$OUT"
skip() { [[ " $SKIP " == *" $1 "* ]]; }
median() { sort -g | awk '{v[NR]=$1} END {if (NR%2) print v[(NR+1)/2]; else print (v[NR/2]+v[NR/2+1])/2}'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN {printf "%.3f", b/a}'; }

for t in "$A" "$B"; do
  echo "$t: $(git -C "$t" rev-parse HEAD) $(git -C "$t" status --porcelain --untracked-files=no | wc -l) modified files"
done | tee "$OUT/commits.txt"

if ! skip build; then
  for t in "$A" "$B"; do
    (cd "$t" && cargo build --release && cargo bench --bench convert --no-run) 2>&1 | tail -2
  done
fi
bench_bin() { ls -t "$1"/target/release/deps/convert-* | grep -v '\.d$' | head -1; }

# criterion: one line per round and tree: tree bench MiB/s (the middle estimate)
if ! skip criterion; then
  : > "$OUT/criterion.txt"
  for r in $(seq 1 "$ROUNDS"); do
    for t in "$A" "$B"; do
      tag=$([ "$t" = "$A" ] && echo before || echo after)
      log="$OUT/criterion-$tag-$r.log"
      (cd "$t" && "$(bench_bin "$t")" --bench --measurement-time "$MTIME" --noplot) > "$log" 2>&1
      # criterion prints "convert/dev corpus" then "time: [...]" and "thrpt: [lo mid hi]"
      # (in MiB/s), then a "change:" block whose thrpt line is in per cent (skipped)
      awk -v tag="$tag" -v r="$r" '
        /^convert\// {name=$0; sub(/^convert\//, "", name); sub(/ +time:.*/, "", name)}
        /thrpt:/ && /B\/s/ {s=$0; sub(/.*\[/, "", s); split(s, f, " ");
                  v=f[3]; u=f[4]; if (u=="GiB/s") v*=1024; if (u=="KiB/s") v/=1024;
                  printf "%s\t%d\t%s\t%.2f\n", tag, r, name, v}' "$log" | tee -a "$OUT/criterion.txt"
    done
  done
fi

# callgrind instruction counts, each report in its own process
count() { valgrind --tool=callgrind --callgrind-out-file=/dev/null "$1" convert "$2" -o "$OUT/instr-o.json" 2>&1 |
          awk '/Collected/ {print $4}'; }
printf '一、概况\n签约率51.2%%。\n' > "$OUT/tiny.txt"
if ! skip instr; then
  : > "$OUT/instr.txt"
  for t in "$A" "$B"; do
    tag=$([ "$t" = "$A" ] && echo before || echo after); tot=0
    for f in "$DEV24"/*.txt; do n=$(count "$t/target/release/weijian" "$f"); tot=$((tot+n)); done
    one=$(count "$t/target/release/weijian" "$OUT/tiny.txt")
    printf '%s\tdev24\t%d\n%s\tone-line\t%d\n' "$tag" "$tot" "$tag" "$one" | tee -a "$OUT/instr.txt"
  done
fi

# startup: a one-line report in its own process, interleaved
if ! skip startup; then
  : > "$OUT/startup.txt"
  for i in $(seq 1 "$STARTUP_N"); do
    for t in "$A" "$B"; do
      tag=$([ "$t" = "$A" ] && echo before || echo after)
      s=$(date +%s%N); "$t/target/release/weijian" convert "$OUT/tiny.txt" -o "$OUT/tiny-o.json"; e=$(date +%s%N)
      printf '%s\t%d\n' "$tag" $(( (e-s)/1000 )) >> "$OUT/startup.txt"
    done
  done
fi

# peak memory on a ~1 MB report, two ways: big.txt is every tests/fixtures/*.txt concatenated
# and repeated to just over 1 MiB (the conversion stops reading at the first report's paywall
# cut-off, so this is mostly reading the file); big-full.txt repeats only the fixtures that run
# to their end (as the criterion bench's "1 MB report" does), so all of it is converted
if ! skip rss; then
  : > "$OUT/big.txt"; : > "$OUT/big-full.txt"
  full=(); for f in "$B"/tests/fixtures/*.txt; do
    "$B/target/release/weijian" convert "$f" | grep -q 'to the end' || full+=("$f"); done
  while [ "$(stat -c %s "$OUT/big.txt")" -lt $((1<<20)) ]; do cat "$B"/tests/fixtures/*.txt >> "$OUT/big.txt"; done
  while [ "$(stat -c %s "$OUT/big-full.txt")" -lt $((1<<20)) ]; do cat "${full[@]}" >> "$OUT/big-full.txt"; done
  : > "$OUT/rss.txt"
  for i in 1 2 3; do
    for big in big big-full; do
      for t in "$A" "$B"; do
        tag=$([ "$t" = "$A" ] && echo before || echo after)
        /usr/bin/time -v "$t/target/release/weijian" convert "$OUT/$big.txt" -o "$OUT/big-o.json" 2> "$OUT/time.log"
        kb=$(awk -F': ' '/Maximum resident/ {print $2}' "$OUT/time.log")
        el=$(awk -F': ' '/Elapsed/ {print $2}' "$OUT/time.log")
        printf '%s\t%s\t%d\t%s\n' "$tag" "$big" "$kb" "$el" >> "$OUT/rss.txt"
      done
    done
  done
fi

echo; echo "== summary (after/before) =="
if [ -s "$OUT/criterion.txt" ]; then
  for name in "dev corpus" "1 MB report"; do
    a=$(awk -F'\t' -v n="$name" '$1=="before" && $3==n {print $4}' "$OUT/criterion.txt" | median)
    b=$(awk -F'\t' -v n="$name" '$1=="after" && $3==n {print $4}' "$OUT/criterion.txt" | median)
    echo "criterion $name: before $a MiB/s, after $b MiB/s, ratio $(ratio "$a" "$b")"
  done
fi
if [ -s "$OUT/instr.txt" ]; then
  for k in dev24 one-line; do
    a=$(awk -F'\t' -v k=$k '$1=="before" && $2==k {print $3}' "$OUT/instr.txt")
    b=$(awk -F'\t' -v k=$k '$1=="after" && $2==k {print $3}' "$OUT/instr.txt")
    echo "instructions $k: before $a, after $b, ratio $(ratio "$a" "$b")"
  done
fi
if [ -s "$OUT/startup.txt" ]; then
  a=$(awk '$1=="before" {print $2}' "$OUT/startup.txt" | median)
  b=$(awk '$1=="after" {print $2}' "$OUT/startup.txt" | median)
  echo "startup (one-line report, µs, median of $STARTUP_N): before $a, after $b, ratio $(ratio "$a" "$b")"
fi
if [ -s "$OUT/rss.txt" ]; then
  for big in big big-full; do
    a=$(awk -v k=$big '$1=="before" && $2==k {print $3}' "$OUT/rss.txt" | median)
    b=$(awk -v k=$big '$1=="after" && $2==k {print $3}' "$OUT/rss.txt" | median)
    echo "peak RSS on $big.txt, $(stat -c %s "$OUT/$big.txt") bytes (KB, median of 3): before $a, after $b, ratio $(ratio "$a" "$b")"
  done
fi
