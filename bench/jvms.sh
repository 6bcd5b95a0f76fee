#!/usr/bin/env bash
# dapp on two (or more) JVMs side by side, alternating in one run, each with the start-up cache its build
# makes (JDK 17 to 24: the CDS archive; 25 and later: the AOT caches): the rows where a JVM's start-up is most
# of the time. bench/transfer.sh --java measures each JVM over the whole benchmark, one run after the other;
# on a shared machine the load changes between those runs, here it falls on every JVM alike. CPU seconds (user
# + system) are the figures the load changes least.
#
#   mvn -q package -DskipTests && bash bench/jvms.sh --java /usr/lib/jvm/java-17-openjdk-amd64 \
#       --java /usr/lib/jvm/temurin-25-jdk-amd64                   # 20 runs: ~3 min; bench/results/jvms-latest.md
#
# Options: --java PATH (a JDK directory or its bin/java; twice or more)  --runs N (20)  --out FILE  --keep.
# A JVM whose cache is missing gets it first (app/cds/make-archive.sh or make-aot-cache.sh, not timed).
# Needs docker-registry, skopeo, python3 and curl. Exit status 1 when a step failed.
set -uo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
dapp="$root/app/bin/dapp"
lib="$root/bench/lib"

javas=() runs=20 out="$root/bench/results/jvms-latest.md" keep=0
while [[ $# -gt 0 ]]; do
  case $1 in
    --java) javas+=("$2"); shift 2 ;;
    --runs) runs=$2; shift 2 ;;
    --out) out=$2; shift 2 ;;
    --keep) keep=1; shift ;;
    -h|--help) sed -n '2,14p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "jvms.sh: unknown option $1 (see --help)" >&2; exit 2 ;;
  esac
done
[[ ${#javas[@]} -ge 2 ]] || { echo "jvms.sh: give two JVMs or more with --java" >&2; exit 2; }
[[ $runs =~ ^[1-9][0-9]*$ ]] || { echo "jvms.sh: --runs takes a positive whole number" >&2; exit 2; }
say() { printf '== %s\n' "$*" >&2; }
die() { printf 'jvms.sh: %s\n' "$*" >&2; exit 1; }
[[ -f "$root/app/target/dapp.jar" ]] || die "app/target/dapp.jar is missing: run 'mvn -q package -DskipTests' first"
for tool in docker-registry skopeo python3 curl; do
  command -v "$tool" >/dev/null || die "$tool is not installed (apt-get install -y docker-registry skopeo python3 curl)"
done

# Each JVM as the JDK directory the launcher gets as JAVA_HOME, its feature release and its version line.
homes=() features=() versions=()
for java in "${javas[@]}"; do
  if [[ -d "$java" ]]; then home=$(cd "$java" && pwd -P); else home=$(dirname "$(dirname "$(readlink -f "$java")")"); fi
  [[ -x "$home/bin/java" ]] || die "--java $java: no bin/java there"
  homes+=("$home")
  features+=("$(sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$home/release" 2>/dev/null)")
  versions+=("$("$home/bin/java" -version 2>&1 | head -1)")
done

unset CI_JOB_TOKEN CI_REGISTRY DAPP_DIMG_CLEANUP_REGISTRY_PASSWORD DAPP_DOCKER_CONFIG DAPP_STORE DAPP_INSECURE_REGISTRY \
  DAPP_JAVA_OPTS
source "$lib/work.sh" dapp-jvms

# --- the start-up cache of each JVM, as its build would make it -------------------------------------------------
launcher_note() {
  JAVA_HOME=$1 DAPP_JAVA_OPTS=-XshowSettings:properties "$dapp" "${@:2}" 2>&1 >/dev/null | sed -n 's/^ *dapp.launcher = //p'
}
notes=()
for i in "${!homes[@]}"; do
  home=${homes[$i]}
  if [[ $(launcher_note "$home" --version) == *"no start-up cache"* || $(launcher_note "$home" dimg --help) == *"no start-up cache"* ]]; then
    say "making the start-up cache of $home (not timed)"
    if [[ ${features[$i]:-0} -ge 25 ]]; then
      JAVA_HOME=$home bash "$root/app/cds/make-aot-cache.sh" "$root/app/target/dapp.jar" "$root/app/target" >&2
    else
      JAVA_HOME=$home bash "$root/app/cds/make-archive.sh" "$root/app/target/dapp.jar" "$root/app/target/dapp.jsa" >&2
    fi
  fi
  notes+=("$(launcher_note "$home" --version) | $(launcher_note "$home" dimg --help)")
  [[ ${notes[$i]} == *"no start-up cache"* ]] && failed "$home runs without a start-up cache: ${notes[$i]}"
done

# --- a registry and an image pushed once ------------------------------------------------------------------------
source "$lib/common.sh"
start_registry main
host=$started_host
export DAPP_DOCKER_CONFIG="$work/docker"
project="$work/project" store="$work/store"
mkdir -p "$project"
{ echo "from: scratch"; echo "git:"; } > "$project/dappfile.yaml"
for i in 1 2 3 4; do
  mkdir -p "$project/layer$i"
  head -c $((8 * 1048576)) /dev/urandom > "$project/layer$i/data"
  printf -- '- add: /layer%s\n  to: /layer%s\n' "$i" "$i" >> "$project/dappfile.yaml"
done
result=$(measure "$work/logs/seed.log" -- "$dapp" dimg push "$host/jvms" --dir "$project" --store "$store" --quiet)
[[ ${result##* } -eq 0 ]] || die "the first push failed: $(tail -3 "$work/logs/seed.log")"
skopeo copy -q --authfile "$work/docker/config.json" --dest-tls-verify=false "oci:$store:nameless-dimg" \
  "docker://$host/jvms-skopeo:latest" > "$work/logs/seed-skopeo.log" 2>&1 || die "skopeo's first push failed"

# --- the runs ---------------------------------------------------------------------------------------------------
declare -A walls=() cpus=()
add() { walls[$1]="${walls[$1]:-} $2"; cpus[$1]="${cpus[$1]:-} $3"; }
say "$runs run(s): --version, registry login-plan, no-op re-push on ${#homes[@]} JVMs, and skopeo's no-op copy"
for run in $(seq 1 "$runs"); do
  order=("${!homes[@]}")
  [[ $((run % 2)) -eq 0 ]] && order=($(printf '%s\n' "${order[@]}" | tac))
  for i in "${order[@]}"; do
    for row in version login-plan noop; do
      case $row in
        version) command=("$dapp" --version) ;;
        login-plan) command=("$dapp" registry login-plan dimg push "$host/x") ;;
        noop) command=("$dapp" dimg push "$host/jvms" --dir "$project" --store "$store" --quiet) ;;
      esac
      read -r wall rss code cpu <<< "$(JAVA_HOME=${homes[$i]} python3 "$lib/measure.py" --cpu \
        --log "$work/logs/$row-$i.log" -- "${command[@]}")"
      if [[ $code -ne 0 ]]; then failed "$row on ${homes[$i]} (exit $code): $(tail -2 "$work/logs/$row-$i.log")"; continue; fi
      add "$row.$i" "$wall" "$cpu"
    done
  done
  read -r wall rss code cpu <<< "$(python3 "$lib/measure.py" --cpu --log "$work/logs/skopeo.log" -- skopeo copy -q \
    --authfile "$work/docker/config.json" --dest-tls-verify=false "oci:$store:nameless-dimg" "docker://$host/jvms-skopeo:latest")"
  if [[ $code -eq 0 ]]; then add skopeo "$wall" "$cpu"; else failed "skopeo's no-op copy: $(tail -2 "$work/logs/skopeo.log")"; fi
done

# --- the table --------------------------------------------------------------------------------------------------
cell() { echo "$(median ${walls[$1]:-}) / $(median ${cpus[$1]:-})"; }
{
  echo "# dapp on ${#homes[@]} JVMs, alternating in one run"
  echo
  echo "- date: $(date -u '+%Y-%m-%d %H:%M UTC'); dapp $(git -C "$root" rev-parse --short HEAD 2>/dev/null)$(git -C "$root" diff --quiet 2>/dev/null || echo ' (with uncommitted changes)')"
  echo "- machine: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//'), $(nproc) cores, kernel $(uname -r); load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
  for i in "${!homes[@]}"; do echo "- JVM $((i + 1)): ${versions[$i]} ($(basename "${homes[$i]}")); launcher: ${notes[$i]}"; done
  echo "- medians of $runs run(s), JVMs in turn (order reversed every other run); each cell: wall s / CPU s (user + system)"
  echo "- no-op re-push: 4 × 8 MiB random layers, every blob and the tag present; the reference is skopeo's copy of the same image: $(cell skopeo)"
  echo
  printf '| row |'; for i in "${!homes[@]}"; do printf ' JDK %s |' "${features[$i]:-?}"; done; echo
  printf '| --- |'; for i in "${!homes[@]}"; do printf ' --- |'; done; echo
  for row in version login-plan noop; do
    case $row in
      version) label="dapp --version" ;;
      login-plan) label="dapp registry login-plan dimg push HOST/x" ;;
      noop) label="no-op re-push (skopeo: $(median ${walls[skopeo]:-}) s)" ;;
    esac
    printf '| %s |' "$label"; for i in "${!homes[@]}"; do printf ' %s |' "$(cell "$row.$i")"; done; echo
  done
} > "$work/table.md"
mkdir -p "$(dirname "$out")"
cp "$work/table.md" "$out"
cat "$work/table.md"
echo "written to $out" >&2
[[ $failures -eq 0 ]] || { echo "jvms.sh: $failures step(s) failed" >&2; exit 1; }
