#!/usr/bin/env bash
# dapp dimg build against buildah bud, side by side on one machine: the same image, from the same base image in
# a local Distribution registry, built from a dappfile with four shell stages and a git entry by dapp, and from
# the equivalent Dockerfile by `buildah bud --layers --isolation chroot --storage-driver vfs`; alternating runs,
# medians: cold build (empty store), warm rebuild (nothing changed), rebuild after the last command changed.
#
#   mvn -q package -DskipTests && bash bench/build.sh      # full run, writes bench/results/build-latest.md
#   bash bench/build.sh --smoke                             # small, 1 run (< 2 min; CI)
#
# Options: --runs N (5)  --files N (2000 source files)  --size MiB (32, random bytes a stage writes)
#   --big-project MiB (64: the project of the one-file-change rebuild)  --isolation auto|oci|chroot (dapp's;
#   auto)  --out FILE  --keep (keep the work directory)  --smoke.
# 4. rebuild after one source file of a large project changed: dapp's git patch against buildah's COPY, which
#    makes every later layer again; with the new layers' bytes (what a push would send).
# Needs root (shell stages run containers), runc, buildah, docker-registry, skopeo, python3 and a static
# /bin/busybox (busybox-static), which is the base image: no network is used.
# Exit status: 1 when a step failed; a missed target is reported in the table, not by the exit status.
set -uo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
dapp="$root/app/bin/dapp"
lib="$root/bench/lib"

runs=5 files=2000 size=32 big=64 isolation=auto smoke=0 keep=0 out=""
while [[ $# -gt 0 ]]; do
  case $1 in
    --runs) runs=$2; shift 2 ;;
    --files) files=$2; shift 2 ;;
    --size) size=$2; shift 2 ;;
    --big-project) big=$2; shift 2 ;;
    --isolation) isolation=$2; shift 2 ;;
    --out) out=$2; shift 2 ;;
    --keep) keep=1; shift ;;
    --smoke) smoke=1; shift ;;
    -h|--help) sed -n '2,14p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "build.sh: unknown option $1 (see --help)" >&2; exit 2 ;;
  esac
done
if [[ $smoke -eq 1 ]]; then
  runs=1 files=50 size=1 big=2
  out=${out:-$root/bench/results/build-smoke.md}
fi
out=${out:-$root/bench/results/build-latest.md}
for value in "$runs" "$files" "$size" "$big"; do
  [[ $value =~ ^[1-9][0-9]*$ ]] || { echo "build.sh: '$value' is not a positive whole number" >&2; exit 2; }
done
[[ $isolation =~ ^(auto|oci|chroot)$ ]] || { echo "build.sh: --isolation is auto, oci or chroot" >&2; exit 2; }

say() { printf '== %s\n' "$*" >&2; }
die() { printf 'build.sh: %s\n' "$*" >&2; exit 1; }

[[ -f "$root/app/target/dapp.jar" ]] || die "app/target/dapp.jar is missing: run 'mvn -q package -DskipTests' first"
[[ $(id -u) -eq 0 ]] || die "shell stages and buildah's chroot isolation need root"
for tool in docker-registry skopeo buildah runc python3 curl; do
  command -v "$tool" >/dev/null || die "$tool is not installed (bash .ci/install-packages)"
done
{ [[ -x /bin/busybox ]] && ! ldd /bin/busybox >/dev/null 2>&1; } || die "a static /bin/busybox is needed (apt-get install busybox-static)"

unset CI_JOB_TOKEN CI_REGISTRY DAPP_DIMG_CLEANUP_REGISTRY_PASSWORD DAPP_DOCKER_CONFIG DAPP_STORE DAPP_INSECURE_REGISTRY \
  SOURCE_DATE_EPOCH DAPP_OCI_RUNTIME
source "$lib/work.sh" dapp-build-bench

source "$lib/common.sh"
start_registry main
host=$started_host
export DAPP_DOCKER_CONFIG="$work/docker"

# --- the base image: busybox, built and pushed by dapp from a plain directory (not timed) ------------------------
base_project="$work/base"
mkdir -p "$base_project/rootfs/bin" "$base_project/rootfs/etc" "$base_project/rootfs/tmp"
cp /bin/busybox "$base_project/rootfs/bin/busybox"
for applet in $(/bin/busybox --list); do
  [[ $applet == busybox || $applet == */* ]] || ln -s busybox "$base_project/rootfs/bin/$applet"
done
printf 'root:x:0:0:root:/root:/bin/sh\n' > "$base_project/rootfs/etc/passwd"
printf 'root:x:0:\n' > "$base_project/rootfs/etc/group"
printf 'from: scratch\ngit:\n- add: /rootfs\n  to: /\ndocker:\n  ENV: {PATH: /usr/sbin:/usr/bin:/sbin:/bin}\n' \
  > "$base_project/dappfile.yaml"
"$dapp" dimg push --dir "$base_project" --store "$work/base-store" --tag-plain 1 --quiet "$host/base/busybox" \
  > "$work/logs/base.log" 2>&1 || die "pushing the base image failed: $(tail -3 "$work/logs/base.log")"
base_image="$host/base/busybox:1"

# --- the project: a dappfile and the equivalent Dockerfile ------------------------------------------------------
project="$work/project"
mkdir -p "$project/src"
python3 - "$project/src" "$files" <<'PY'
import os, sys
directory, count = sys.argv[1], int(sys.argv[2])
for i in range(count):
    sub = os.path.join(directory, "pkg%02d" % (i % 50))
    os.makedirs(sub, exist_ok=True)
    with open(os.path.join(sub, "file%05d.txt" % i), "w") as f:
        f.write(("line %d of a source file\n" % i) * 40)
PY
before_install='mkdir -p /opt/deps && i=0 && while [ $i -lt 300 ]; do echo dependency $i > /opt/deps/dep$i; i=$((i+1)); done'
install="cd /app && find . -type f | sort > /opt/manifest.txt && head -c $((size * 1048576)) /dev/urandom > /opt/blob"
before_setup='cat /opt/manifest.txt | wc -l > /opt/count && rm -rf /opt/deps/dep1*'
# write_sources SETUP_COMMAND: the dappfile and Dockerfile, with the last stage's command given.
write_sources() {
  cat > "$project/dappfile.yaml" <<YML
dimg: app
from: $base_image
shell:
  beforeInstall:
  - $before_install
  install:
  - $install
  beforeSetup:
  - $before_setup
  setup:
  - $1
git:
- add: /src
  to: /app
docker:
  WORKDIR: /app
YML
  cat > "$project/Dockerfile" <<DOCKERFILE
FROM $base_image
RUN $before_install
COPY src /app
RUN $install
RUN $before_setup
RUN $1
WORKDIR /app
DOCKERFILE
}
write_sources "echo built 0 > /app/BUILT"

declare -A samples=()
add() { samples[$1]="${samples[$1]:-} $2"; }
values() { echo "${samples[$1]:-}"; }

# build_dapp LOG STORE: a dapp build of the project; prints "wall rss exit".
build_dapp() {
  measure "$1" -- "$dapp" dimg build --dir "$project" --store "$2" --isolation "$isolation" --debug
}
# build_buildah LOG ROOT: buildah bud of the Dockerfile with its layer cache in ROOT; prints "wall rss exit".
build_buildah() {
  measure "$1" -- buildah --root "$2/storage" --runroot "$2/run" --storage-driver vfs bud --layers \
    --isolation chroot --tls-verify=false --creds "$user:$password" -t app:bench -f "$project/Dockerfile" "$project"
}
# record NAME TOOL RESULT LOG: keeps the wall time and RSS of a successful build, else counts a failure.
record() {
  local name=$1 tool=$2 result=$3 log=$4
  if [[ ${result##* } -ne 0 ]]; then
    failed "$tool: $name (exit ${result##* }): $(tail -3 "$log" | tr '\n' ' ')"
    return
  fi
  add "$name:$tool" "${result%% *}"
  local rss=${result#* }; add "$name:$tool:rss" "${rss%% *}"
}

say "1. cold build (empty store / empty buildah storage), $runs run(s) each, alternating"
for run in $(seq 1 "$runs"); do
  order=(dapp buildah); [[ $((run % 2)) -eq 0 ]] && order=(buildah dapp)
  for tool in "${order[@]}"; do
    log="$work/logs/cold-$tool-$run.log"
    if [[ $tool == dapp ]]; then
      record cold dapp "$(build_dapp "$log" "$work/cold-store-$run")" "$log"
      grep -o 'root filesystem [0-9]* ms, commands [0-9]* ms, changes [0-9]* ms, layer [0-9]* ms' "$log" \
        >> "$work/logs/split-$run.txt"
    else
      record cold buildah "$(build_buildah "$log" "$work/cold-buildah-$run")" "$log"
    fi
    rm -rf "$work/cold-buildah-$run"
  done
  [[ $run -lt $runs ]] && rm -rf "$work/cold-store-$run"
done
warm_store="$work/cold-store-$runs"
warm_buildah="$work/warm-buildah"
build_buildah "$work/logs/warm-buildah-prepare.log" "$warm_buildah" > /dev/null

say "2. warm rebuild, nothing changed"
for run in $(seq 1 "$runs"); do
  order=(dapp buildah); [[ $((run % 2)) -eq 0 ]] && order=(buildah dapp)
  for tool in "${order[@]}"; do
    log="$work/logs/warm-$tool-$run.log"
    if [[ $tool == dapp ]]; then
      result=$(build_dapp "$log" "$warm_store")
      grep -q '(0 of 10 stages built)' "$log" || failed "dapp: the warm rebuild built a stage: $(grep 'stages built' "$log")"
    else
      result=$(build_buildah "$log" "$warm_buildah")
    fi
    record warm "$tool" "$result" "$log"
  done
done

say "3. rebuild after the last command changed"
for run in $(seq 1 "$runs"); do
  write_sources "echo built $run > /app/BUILT"
  order=(dapp buildah); [[ $((run % 2)) -eq 0 ]] && order=(buildah dapp)
  for tool in "${order[@]}"; do
    log="$work/logs/last-$tool-$run.log"
    if [[ $tool == dapp ]]; then
      result=$(build_dapp "$log" "$warm_store")
      grep -q '(3 of 10 stages built)' "$log" || failed "dapp: the changed command rebuilt more: $(grep 'stages built' "$log")"
      grep -o 'root filesystem [0-9]* ms, commands [0-9]* ms, changes [0-9]* ms, layer [0-9]* ms' "$log" \
        >> "$work/logs/split-last.txt"
    else
      result=$(build_buildah "$log" "$warm_buildah")
    fi
    record last "$tool" "$result" "$log"
  done
done

say "4. a project of $big MiB: rebuild after one file changed"
large="$work/large"
mkdir -p "$large/src"
python3 - "$large/src" "$big" <<'PY'
import os, random, sys
directory, mib = sys.argv[1], int(sys.argv[2])
random.seed(4)
for i in range(mib * 4):  # 256 KiB each, incompressible: the archive is as large as the project
    with open(os.path.join(directory, "blob%04d.bin" % i), "wb") as f:
        f.write(random.randbytes(256 * 1024))
with open(os.path.join(directory, "package.json"), "w") as f:
    f.write('{"deps": 1}\n')
PY
printf 'console.log(0)\n' > "$large/src/server.js"
cat > "$large/dappfile.yaml" <<YML
dimg: app
from: $base_image
git:
- add: /src
  to: /app
  stageDependencies:
    install: [package.json]
shell:
  install:
  - cd /app && cat package.json > /installed
  setup:
  - ls /app | wc -l > /file-count
docker:
  WORKDIR: /app
YML
cat > "$large/Dockerfile" <<DOCKERFILE
FROM $base_image
COPY src /app
RUN cd /app && cat package.json > /installed
RUN ls /app | wc -l > /file-count
WORKDIR /app
DOCKERFILE
large_store="$work/large-store" large_buildah="$work/large-buildah"
build_large_dapp() {
  measure "$1" -- "$dapp" dimg build --dir "$large" --store "$large_store" --isolation "$isolation" --debug
}
build_large_buildah() {
  measure "$1" -- buildah --root "$large_buildah/storage" --runroot "$large_buildah/run" --storage-driver vfs bud \
    --layers --isolation chroot --tls-verify=false --creds "$user:$password" -t large:bench -f "$large/Dockerfile" "$large"
}
# manifest_layers TOOL: "digest size" of each layer of the image as it is now.
manifest_layers() {
  if [[ $1 == dapp ]]; then
    skopeo inspect --raw "oci:$large_store:app"
  else
    buildah --root "$large_buildah/storage" --runroot "$large_buildah/run" --storage-driver vfs push -q \
      large:bench "oci:$work/large-oci:large" >/dev/null 2>&1
    skopeo inspect --raw "oci:$work/large-oci:large"
  fi | python3 -c 'import json, sys; [print(l["digest"], l["size"]) for l in json.load(sys.stdin)["layers"]]'
}
# new_bytes BEFORE AFTER: bytes of the layers AFTER has and BEFORE has not: what a push of it would send.
new_bytes() { awk 'NR == FNR {seen[$1] = 1; next} !($1 in seen) {n += $2} END {print n + 0}' "$1" "$2"; }
build_large_dapp "$work/logs/large-dapp-cold.log" > /dev/null
build_large_buildah "$work/logs/large-buildah-cold.log" > /dev/null
for run in $(seq 1 "$runs"); do
  printf 'console.log(%s)\n' "$run" > "$large/src/server.js"
  order=(dapp buildah); [[ $((run % 2)) -eq 0 ]] && order=(buildah dapp)
  for tool in "${order[@]}"; do
    log="$work/logs/large-$tool-$run.log"
    manifest_layers "$tool" > "$work/large-$tool-before"
    if [[ $tool == dapp ]]; then
      result=$(build_large_dapp "$log")
      grep -q 'git latest patch: built stage' "$log" || failed "dapp: the one-file change made no latest patch"
      grep -q 'install (1 command): built stage' "$log" && failed "dapp: the one-file change reran install"
    else
      result=$(build_large_buildah "$log")
    fi
    record large "$tool" "$result" "$log"
    manifest_layers "$tool" > "$work/large-$tool-after"
    add "large:$tool:delta" "$(new_bytes "$work/large-$tool-before" "$work/large-$tool-after")"
  done
done

# --- the table ------------------------------------------------------------------------------------------------
ratio() { awk -v a="$1" -v b="$2" 'BEGIN {if (b > 0) printf "%.2f", a / b; else print "n/a"}'; }
# split FILE: the median of each part of the shell stages' time, summed over a build's stages.
split() {
  [[ -s $1 ]] || { echo "n/a"; return; }
  awk '{r+=$3; c+=$6; d+=$9; l+=$12; n++} END {printf "root filesystem %d ms, commands %d ms, changes %d ms, layer %d ms (sums over %d stage builds)", r, c, d, l, n}' "$1"
}
{
  echo "# Build benchmark: dapp dimg build vs buildah bud"
  echo
  echo "$(date -u +%Y-%m-%dT%H:%MZ), $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg); dapp $(git -C "$root" rev-parse --short HEAD 2>/dev/null)"
  echo "(isolation $isolation), $(buildah --version), $(runc --version | head -1); $runs run(s) each, alternating; medians."
  echo "Image: busybox base + 4 shell stages + a git entry of $files files; a stage writes $size MiB of random bytes."
  echo
  echo "| build | dapp (s) | buildah (s) | dapp/buildah | target | dapp peak RSS (MiB) | buildah peak RSS (MiB) |"
  echo "| --- | --- | --- | --- | --- | --- | --- |"
  for name in cold warm last large; do
    case $name in
      cold) title="cold (empty store)" ;;
      warm) title="warm rebuild, nothing changed" ;;
      last) title="rebuild after the last command changed" ;;
      large) title="$big MiB project: rebuild after one file changed" ;;
    esac
    d=$(median $(values "$name:dapp")) b=$(median $(values "$name:buildah"))
    dr=$(median $(values "$name:dapp:rss")) br=$(median $(values "$name:buildah:rss"))
    r=$(ratio "$d" "$b")
    limit=1.0; [[ $name == large ]] && limit=0.3
    verdict=$(awk -v r="$r" -v t="$limit" 'BEGIN {if (r == "n/a") print "n/a"; else if (r <= t) print "met"; else printf "missed by %.2f×", r / t}')
    echo "| $title | ${d:-n/a} | ${b:-n/a} | $r | ≤ $limit× ($verdict) | $(mib "${dr:-0}") | $(mib "${br:-0}") |"
  done
  dd=$(median $(values "large:dapp:delta")) bd=$(median $(values "large:buildah:delta"))
  echo
  echo "After the one-file change, the new layers a push sends: dapp $dd bytes, buildah $bd bytes ($(ratio "$dd" "$bd")×;"\
    "target ≤ 0.01×: $(awk -v a="$dd" -v b="$bd" 'BEGIN {if (b > 0 && a / b <= 0.01) print "met"; else print "missed"}'))."
  echo
  echo "Where dapp's shell-stage time went (from --debug):"
  echo "- cold builds: $(cat "$work"/logs/split-[0-9]*.txt 2>/dev/null > "$work/logs/split-cold.txt"; split "$work/logs/split-cold.txt")"
  echo "- rebuilds after the last command changed: $(split "$work/logs/split-last.txt")"
} > "$out"
cat "$out"
echo
echo "written to $out"
exit $((failures > 0))
