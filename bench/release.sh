#!/usr/bin/env bash
# The release archive against the checkout's jar: its size, and start-up of the commands where start-up is most
# of the time, alternating in one run (on a shared machine the load falls on both alike). The jar runs as the
# checkout's launcher runs it (JAVA_HOME, else java on PATH, with the start-up cache its build made); the
# archive is unpacked into a fresh directory and run with nothing but its own runtime.
#
#   mvn -q package -DskipTests && bash bench/release.sh      # 20 runs: ~1 min; bench/results/release-latest.md
#
# Options: --runs N (20)  --out FILE  --keep. Targets: archive ≤ 80 MiB; --version from the archive no slower
# than from the jar. Needs docker-registry, python3 and curl. Exit status 1 when a step failed.
set -uo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
lib="$root/bench/lib"

runs=20 out="$root/bench/results/release-latest.md" keep=0
while [[ $# -gt 0 ]]; do
  case $1 in
    --runs) runs=$2; shift 2 ;;
    --out) out=$2; shift 2 ;;
    --keep) keep=1; shift ;;
    -h|--help) sed -n '2,10p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "release.sh: unknown option $1 (see --help)" >&2; exit 2 ;;
  esac
done
[[ $runs =~ ^[1-9][0-9]*$ ]] || { echo "release.sh: --runs takes a positive whole number" >&2; exit 2; }
say() { printf '== %s\n' "$*" >&2; }
die() { printf 'release.sh: %s\n' "$*" >&2; exit 1; }
archives=("$root"/app/target/dapp-*-linux-*.tar.gz)
[[ -f "${archives[0]}" && ${#archives[@]} -eq 1 ]] \
  || die "no single release archive in app/target: run 'mvn -q package -DskipTests' first"
archive=${archives[0]}
[[ -f "$root/app/target/dapp.jar" ]] || die "app/target/dapp.jar is missing: run 'mvn -q package -DskipTests' first"
for tool in docker-registry python3 curl; do
  command -v "$tool" >/dev/null || die "$tool is not installed (apt-get install -y docker-registry python3 curl)"
done

unset CI_JOB_TOKEN CI_REGISTRY DAPP_DIMG_CLEANUP_REGISTRY_PASSWORD DAPP_DOCKER_CONFIG DAPP_STORE DAPP_INSECURE_REGISTRY \
  DAPP_JAVA_OPTS
source "$lib/work.sh" dapp-release
mkdir -p "$work/unpacked"

tar -xzf "$archive" -C "$work/unpacked" || die "unpacking $archive failed"
declare -A tools=([jar]="$root/app/bin/dapp" [archive]="$work/unpacked/bin/dapp")
launcher_note() {
  DAPP_JAVA_OPTS=-XshowSettings:properties "$1" --version 2>&1 >/dev/null | sed -n 's/^ *dapp.launcher = //p'
}
for tool in jar archive; do
  [[ $(launcher_note "${tools[$tool]}") == *"no start-up cache"* ]] && failed "the $tool runs without a start-up cache"
done

source "$lib/common.sh"
start_registry main
host=$started_host
export DAPP_DOCKER_CONFIG="$work/docker"
project="$work/project"
mkdir -p "$project/src"
echo "release benchmark" > "$project/src/index.html"
printf 'from: scratch\ngit:\n- add: /src\n  to: /srv\n' > "$project/dappfile.yaml"
for tool in jar archive; do
  "${tools[$tool]}" dimg push "$host/release-$tool" --dir "$project" --store "$work/store-$tool" --quiet \
    > "$work/logs/seed-$tool.log" 2>&1 || failed "the first push by the $tool: $(tail -2 "$work/logs/seed-$tool.log")"
done

declare -A walls=() cpus=()
say "$runs run(s): --version, registry login-plan and a no-op re-push, from the jar and from the archive in turn"
for run in $(seq 1 "$runs"); do
  order=(jar archive); [[ $((run % 2)) -eq 0 ]] && order=(archive jar)
  for tool in "${order[@]}"; do
    for row in version login-plan noop; do
      case $row in
        version) command=("${tools[$tool]}" --version) ;;
        login-plan) command=("${tools[$tool]}" registry login-plan dimg push "$host/x") ;;
        noop) command=("${tools[$tool]}" dimg push "$host/release-$tool" --dir "$project" --store "$work/store-$tool" --quiet) ;;
      esac
      read -r wall rss code cpu <<< "$(python3 "$lib/measure.py" --cpu --log "$work/logs/$row-$tool.log" -- "${command[@]}")"
      if [[ $code -ne 0 ]]; then failed "$row from the $tool (exit $code): $(tail -2 "$work/logs/$row-$tool.log")"; continue; fi
      walls[$row.$tool]="${walls[$row.$tool]:-} $wall"; cpus[$row.$tool]="${cpus[$row.$tool]:-} $cpu"
    done
  done
done

size=$(awk -v b="$(stat -c %s "$archive")" 'BEGIN {printf "%.1f", b / 1048576}')
unpacked=$(du -sm "$work/unpacked" | cut -f1)
version_jar=$(median ${walls[version.jar]:-}) version_archive=$(median ${walls[version.archive]:-})
met() { awk -v a="$1" -v b="$2" 'BEGIN {print (a != "" && b != "" && a <= b) ? "yes" : "no"}'; }
{
  echo "# The release archive against the checkout's jar, alternating in one run"
  echo
  echo "- date: $(date -u '+%Y-%m-%d %H:%M UTC'); dapp $(git -C "$root" rev-parse --short HEAD 2>/dev/null)$(git -C "$root" diff --quiet 2>/dev/null || echo ' (with uncommitted changes)')"
  echo "- machine: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//'), $(nproc) cores, kernel $(uname -r); load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
  echo "- archive: ${archive##*/}, $size MiB ($unpacked MiB unpacked)"
  echo "- jar: $(launcher_note "${tools[jar]}")"
  echo "- archive: $(launcher_note "${tools[archive]}" | sed "s|$work/unpacked|DIR|g")"
  echo "- medians of $runs run(s), in turn (order reversed every other run); each cell: wall s / CPU s (user + system)"
  echo
  echo "| row | jar | archive | target | met? |"
  echo "| --- | --- | --- | --- | --- |"
  echo "| release archive size (MiB) | — | $size | ≤ 80 | $(met "$size" 80) |"
  for row in version login-plan noop; do
    case $row in
      version) label="dapp --version"; target="archive ≤ jar"; ok=$(met "$version_archive" "$version_jar") ;;
      login-plan) label="dapp registry login-plan dimg push HOST/x"; target="—"; ok="—" ;;
      noop) label="no-op re-push (one small layer)"; target="—"; ok="—" ;;
    esac
    echo "| $label | $(median ${walls[$row.jar]:-}) / $(median ${cpus[$row.jar]:-}) | $(median ${walls[$row.archive]:-}) / $(median ${cpus[$row.archive]:-}) | $target | $ok |"
  done
} > "$work/table.md"
mkdir -p "$(dirname "$out")"
cp "$work/table.md" "$out"
cat "$work/table.md"
echo "written to $out" >&2
[[ $failures -eq 0 ]] || { echo "release.sh: $failures step(s) failed" >&2; exit 1; }
