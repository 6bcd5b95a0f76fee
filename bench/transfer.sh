#!/usr/bin/env bash
# dapp against skopeo, side by side on one machine, against a local Distribution registry (basic auth).
#
#   mvn -q package -DskipTests && bash bench/transfer.sh            # full run, writes bench/results/latest.md
#   bash bench/transfer.sh --smoke                                   # 1 x 1 MiB, 1 run, 20 tags: < 60 s (CI)
#
# Options: --layers N (4)  --size MiB (64)  --runs N (5)  --tags N (1000)  --jobs N (4, passed to dapp when
# its push/pull have --jobs)  --big/--no-big (1 GiB layer RSS, on unless --smoke)  --java PATH (the JVM dapp
# runs on: a JDK directory or its bin/java, given to the launcher as JAVA_HOME; default: the launcher's own
# choice; build with that JVM first, so that its start-up cache is there)  --out FILE (default
# bench/results/latest.md, latest-jdkN.md with --java)  --keep (keep the work directory)  --smoke.
# Exit status: 1 when a step failed (a tool exited non-zero or did not do its work); a missed target is
# reported in the table, not by the exit status.
set -uo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
dapp="$root/app/bin/dapp"
lib="$root/bench/lib"

layers=4 size=64 runs=5 tags=1000 jobs=4 big="" smoke=0 keep=0 out="" java_option=""
while [[ $# -gt 0 ]]; do
  case $1 in
    --layers) layers=$2; shift 2 ;;
    --size) size=$2; shift 2 ;;
    --runs) runs=$2; shift 2 ;;
    --tags) tags=$2; shift 2 ;;
    --jobs) jobs=$2; shift 2 ;;
    --big) big=1; shift ;;
    --no-big) big=0; shift ;;
    --out) out=$2; shift 2 ;;
    --java) java_option=$2; shift 2 ;;
    --keep) keep=1; shift ;;
    --smoke) smoke=1; shift ;;
    -h|--help) sed -n '2,14p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "transfer.sh: unknown option $1 (see --help)" >&2; exit 2 ;;
  esac
done
startup_runs=10
if [[ $smoke -eq 1 ]]; then
  layers=1 size=1 runs=1 tags=20 startup_runs=3
  big=${big:-0}
  out=${out:-$root/bench/results/smoke.md}
fi
big=${big:-1}
# --java: the launcher runs $JAVA_HOME/bin/java.
if [[ -n "$java_option" ]]; then
  if [[ -d "$java_option" ]]; then
    export JAVA_HOME=$(cd "$java_option" && pwd -P)
  elif [[ -x "$java_option" ]]; then
    export JAVA_HOME=$(dirname "$(dirname "$(readlink -f "$java_option")")")
  else
    echo "transfer.sh: --java $java_option is neither a JDK directory nor a java binary" >&2; exit 2
  fi
  [[ -x "$JAVA_HOME/bin/java" ]] || { echo "transfer.sh: $JAVA_HOME has no bin/java" >&2; exit 2; }
  java_feature=$(sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$JAVA_HOME/release" 2>/dev/null)
  [[ $smoke -eq 0 ]] && out=${out:-$root/bench/results/latest-jdk${java_feature:-unknown}.md}
fi
out=${out:-$root/bench/results/latest.md}
for value in "$layers" "$size" "$runs" "$tags" "$jobs"; do
  [[ $value =~ ^[1-9][0-9]*$ ]] || { echo "transfer.sh: '$value' is not a positive whole number" >&2; exit 2; }
done

say() { printf '== %s\n' "$*" >&2; }
die() { printf 'transfer.sh: %s\n' "$*" >&2; exit 1; }

[[ -f "$root/app/target/dapp.jar" ]] || die "app/target/dapp.jar is missing: run 'mvn -q package -DskipTests' first"
for tool in docker-registry skopeo python3 git curl; do
  command -v "$tool" >/dev/null || die "$tool is not installed (apt-get install -y docker-registry skopeo python3 git curl)"
done

# Nothing from the caller's environment may pick another login for dapp.
unset CI_JOB_TOKEN CI_REGISTRY DAPP_DIMG_CLEANUP_REGISTRY_PASSWORD DAPP_DOCKER_CONFIG DAPP_STORE DAPP_INSECURE_REGISTRY
source "$lib/work.sh" dapp-bench

# --- the registry ------------------------------------------------------------------------------------------
source "$lib/common.sh"
start_registry main
host=$started_host registry_pid=$started_pid access_log="$work/logs/registry-main-access.log"
export DAPP_DOCKER_CONFIG="$work/docker"
skopeo_auth=(--authfile "$work/docker/config.json")

# Requests are counted in the registry's access log between two marker requests.
mark() {
  local marker; marker=$(date +%s%N)
  curl -s -o /dev/null "http://$host/v2/_bench_marker/$marker"
  local line=""
  for _ in $(seq 1 50); do
    line=$(grep -n -m1 "_bench_marker/$marker " "$access_log" | cut -d: -f1)
    [[ -n "$line" ]] && break
    sleep 0.05
  done
  echo "${line:-0}"
}
requests_between() { echo $(($2 - $1 - 1)); }
# CPU seconds the registry process has used so far: how much of a run's time is the registry's own work.
clock_ticks=$(getconf CLK_TCK)
registry_cpu() { awk -v hz="$clock_ticks" '{printf "%.2f", ($14 + $15) / hz}' "/proc/$registry_pid/stat"; }


# Which java the launcher runs and with which start-up cache, as it tells --debug: for the commands that only
# print (--version, login-plan) and for those that work (a registry command's first word is dimg).
launcher_note() {
  DAPP_JAVA_OPTS=-XshowSettings:properties "$dapp" "$@" 2>&1 >/dev/null | sed -n 's/^ *dapp.launcher = //p'
}
note_info=$(launcher_note --version) note_work=$(launcher_note dimg --help)
say "launcher (--version, login-plan): ${note_info:-no note}"
say "launcher (dimg ...): ${note_work:-no note}"
[[ $note_info == *"no start-up cache"* || $note_work == *"no start-up cache"* ]] \
  && say "WARNING: dapp runs without a start-up cache: build it with this JVM first (JAVA_HOME=... mvn package)"
java_version=$("${JAVA_HOME:+$JAVA_HOME/bin/}java" -version 2>&1 | head -1)
java_feature=$(sed -n 's/^[^"]*"\([0-9]*\).*/\1/p' <<< "$java_version")

# dapp's push and pull take --jobs once parallel transfers have landed; the benchmark runs either way.
push_jobs=() pull_jobs=()
"$dapp" dimg push --help 2>/dev/null | grep -q -- '--jobs' && push_jobs=(--jobs "$jobs")
"$dapp" dimg stages pull --help 2>/dev/null | grep -q -- '--jobs' && pull_jobs=(--jobs "$jobs")

# --- the image -----------------------------------------------------------------------------------------------
# make_project DIR LAYERS SIZE_MIB: the nameless dimg from scratch with one git (plain directory) entry per
# layer, each a file of random bytes: the gzip layers dapp builds from them are incompressible.
make_project() {
  local dir=$1 count=$2 mib=$3 i
  mkdir -p "$dir"
  { echo "from: scratch"; echo "git:"; } > "$dir/dappfile.yaml"
  for i in $(seq 1 "$count"); do
    mkdir -p "$dir/layer$i"
    head -c $((mib * 1048576)) /dev/urandom > "$dir/layer$i/data"
    printf -- '- add: /layer%s\n  to: /layer%s\n' "$i" "$i" >> "$dir/dappfile.yaml"
  done
}
# The label 'dapp' of the final image names its last stage, which stages push tags dimgstage-<signature>.
last_stage() {
  skopeo inspect --config "oci:$1:nameless-dimg" 2>/dev/null \
    | python3 -c 'import json, sys; print(json.load(sys.stdin)["config"]["Labels"]["dapp"])'
}

project="$work/project" store="$work/store"
say "generating $layers x $size MiB of random data and building it with dapp (not timed)"
make_project "$project" "$layers" "$size"
build=$(measure "$work/logs/build.log" -- "$dapp" dimg build --dir "$project" --store "$store" --quiet)
[[ ${build##* } -eq 0 ]] || die "dapp dimg build failed: $(tail -3 "$work/logs/build.log")"
say "built in ${build%% *} s"
image="oci:$store:nameless-dimg"

declare -A samples=()
add() { samples[$1]="${samples[$1]:-} $2"; }
values() { echo "${samples[$1]:-}"; }

# verify_pushed REPO: the tag is there (the tool did its work).
verify_pushed() { skopeo inspect --raw --tls-verify=false "${skopeo_auth[@]}" "docker://$1:latest" >/dev/null 2>&1; }

# --- 1. fresh push -------------------------------------------------------------------------------------------
# Each run gets a new registry: skopeo remembers where it pushed a blob (its blob-info cache) and mounts it
# from there instead of uploading, so a second "fresh" push to the same registry would upload nothing.
say "1. fresh push, $runs run(s) each, alternating, each run on a new registry"
for run in $(seq 1 "$runs"); do
  start_registry "push-$run"
  run_host=$started_host run_pid=$started_pid
  order=(dapp skopeo); [[ $((run % 2)) -eq 0 ]] && order=(skopeo dapp)
  for tool in "${order[@]}"; do
    repo="$run_host/push/$tool"
    if [[ $tool == dapp ]]; then
      result=$(measure "$work/logs/push-dapp-$run.log" -- "$dapp" dimg push "$repo" --dir "$project" \
        --store "$store" --quiet "${push_jobs[@]}")
    else
      result=$(measure "$work/logs/push-skopeo-$run.log" -- skopeo copy -q "${skopeo_auth[@]}" \
        --dest-tls-verify=false "$image" "docker://$repo:latest")
    fi
    read -r wall rss code <<< "$result"
    if [[ $code -ne 0 ]] || ! verify_pushed "$repo"; then
      failed "fresh push by $tool (exit $code): $(tail -2 "$work/logs/push-$tool-$run.log")"
      continue
    fi
    add "push.$tool" "$wall"; add "push-rss.$tool" "$rss"
  done
  stop_registry "$run_pid"
  rm -rf "$work/registry-push-$run"
done

# --- 2. no-op re-push ----------------------------------------------------------------------------------------
say "2. no-op re-push (every blob and the tag present), $runs run(s) each"
measure "$work/logs/noop-seed-dapp.log" -- "$dapp" dimg push "$host/push/dapp" --dir "$project" --store "$store" --quiet \
  >/dev/null
measure "$work/logs/noop-seed-skopeo.log" -- skopeo copy -q "${skopeo_auth[@]}" --dest-tls-verify=false "$image" \
  "docker://$host/push/skopeo:latest" > /dev/null
# The same files as a git work tree, as a GitLab job checks them out: dapp reads them from the commit. Its
# own store: its stages have other signatures, and its image would take the name the pull step reads.
git_project="$work/project-git" git_store="$work/store-git"
cp -r "$project" "$git_project"
git -C "$git_project" init -q -b main
git -C "$git_project" -c core.compression=0 add -A
git -C "$git_project" -c user.name=bench -c user.email=bench@example.invalid commit -q -m bench
measure "$work/logs/noop-seed-dapp-git.log" -- "$dapp" dimg push "$host/push/dapp-git" --dir "$git_project" \
  --store "$git_store" --quiet > /dev/null
verify_pushed "$host/push/dapp" && verify_pushed "$host/push/skopeo" && verify_pushed "$host/push/dapp-git" \
  || failed "pushing the image for the no-op re-push"
for run in $(seq 1 "$runs"); do
  for tool in dapp skopeo dapp-login dapp-git; do
    before=$(mark)
    case $tool in
      dapp) result=$(measure "$work/logs/noop-dapp-$run.log" -- "$dapp" dimg push "$host/push/dapp" --dir "$project" \
              --store "$store" --quiet "${push_jobs[@]}") ;;
      skopeo) result=$(measure "$work/logs/noop-skopeo-$run.log" -- skopeo copy -q "${skopeo_auth[@]}" \
              --dest-tls-verify=false "$image" "docker://$host/push/skopeo:latest") ;;
      # Login by dapp (what a GitLab job does): a temporary config, verified first as docker login does.
      dapp-login) result=$(measure "$work/logs/noop-dapp-login-$run.log" --stdin "$work/password" -- \
              env -u DAPP_DOCKER_CONFIG "$dapp" dimg push "$host/push/dapp" --dir "$project" --store "$store" --quiet \
              --registry-username "$user" --registry-password-stdin "${push_jobs[@]}") ;;
      dapp-git) result=$(measure "$work/logs/noop-dapp-git-$run.log" -- "$dapp" dimg push "$host/push/dapp-git" \
              --dir "$git_project" --store "$git_store" --quiet "${push_jobs[@]}") ;;
    esac
    after=$(mark)
    read -r wall rss code <<< "$result"
    if [[ $code -ne 0 ]]; then
      failed "no-op re-push by $tool (exit $code): $(tail -2 "$work/logs/noop-$tool-$run.log")"
      continue
    fi
    add "noop.$tool" "$wall"; add "noop-requests.$tool" "$(requests_between "$before" "$after")"
  done
done

# --- 3. pull into an empty store -----------------------------------------------------------------------------
say "3. pull into an empty store, $runs run(s) each, alternating"
stages_repo="$host/stages"
last=$(last_stage "$store")
result=$(measure "$work/logs/stages-push.log" -- "$dapp" dimg stages push "$stages_repo" --dir "$project" --store "$store" \
  --quiet "${push_jobs[@]}")
if [[ ${result##* } -ne 0 || -z "$last" ]]; then
  failed "dapp dimg stages push (exit ${result##* }): $(tail -2 "$work/logs/stages-push.log")"
else
  for run in $(seq 1 "$runs"); do
    order=(dapp skopeo); [[ $((run % 2)) -eq 0 ]] && order=(skopeo dapp)
    for tool in "${order[@]}"; do
      target="$work/pull/$tool-$run"
      before=$(mark)
      if [[ $tool == dapp ]]; then
        result=$(measure "$work/logs/pull-dapp-$run.log" -- "$dapp" dimg stages pull "$stages_repo" --dir "$project" \
          --store "$target" --quiet "${pull_jobs[@]}")
        check="oci:$target:dimgstage-$last"
      else
        result=$(measure "$work/logs/pull-skopeo-$run.log" -- skopeo copy -q "${skopeo_auth[@]}" --src-tls-verify=false \
          "docker://$stages_repo:dimgstage-$last" "oci:$target:pulled")
        check="oci:$target:pulled"
      fi
      after=$(mark)
      read -r wall rss code <<< "$result"
      if [[ $code -ne 0 ]] || ! skopeo inspect --raw "$check" >/dev/null 2>&1; then
        failed "pull by $tool (exit $code): $(tail -2 "$work/logs/pull-$tool-$run.log")"
      else
        add "pull.$tool" "$wall"; add "pull-rss.$tool" "$rss"; add "pull-requests.$tool" "$(requests_between "$before" "$after")"
      fi
      rm -rf "$target"
    done
  done
fi

# --- 4. peak RSS with 1 GiB layers ---------------------------------------------------------------------------
if [[ $big -eq 1 ]]; then
  say "4. peak RSS with one 1 GiB layer (generating and building it takes a while)"
  big_project="$work/project-big" big_store="$work/store-big"
  make_project "$big_project" 1 1024
  result=$(measure "$work/logs/build-big.log" -- "$dapp" dimg build --dir "$big_project" --store "$big_store" --quiet)
  if [[ ${result##* } -ne 0 ]]; then
    failed "dapp dimg build of the 1 GiB image: $(tail -2 "$work/logs/build-big.log")"
  else
    for tool in dapp skopeo; do
      if [[ $tool == dapp ]]; then
        result=$(measure "$work/logs/big-push-dapp.log" -- "$dapp" dimg push "$host/big/dapp" --dir "$big_project" \
          --store "$big_store" --quiet "${push_jobs[@]}")
      else
        result=$(measure "$work/logs/big-push-skopeo.log" -- skopeo copy -q "${skopeo_auth[@]}" --dest-tls-verify=false \
          "oci:$big_store:nameless-dimg" "docker://$host/big/skopeo:latest")
      fi
      read -r wall rss code <<< "$result"
      if [[ $code -ne 0 ]]; then failed "1 GiB push by $tool: $(tail -2 "$work/logs/big-push-$tool.log")"; continue; fi
      add "big-push.$tool" "$wall"; add "big-push-rss.$tool" "$rss"
    done
    big_last=$(last_stage "$big_store")
    result=$(measure "$work/logs/big-stages-push.log" -- "$dapp" dimg stages push "$host/big-stages" --dir "$big_project" \
      --store "$big_store" --quiet "${push_jobs[@]}")
    if [[ ${result##* } -ne 0 ]]; then
      failed "dapp dimg stages push of the 1 GiB image: $(tail -2 "$work/logs/big-stages-push.log")"
    else
      for tool in dapp skopeo; do
        target="$work/pull/big-$tool"
        if [[ $tool == dapp ]]; then
          result=$(measure "$work/logs/big-pull-dapp.log" -- "$dapp" dimg stages pull "$host/big-stages" --dir "$big_project" \
            --store "$target" --quiet "${pull_jobs[@]}")
        else
          result=$(measure "$work/logs/big-pull-skopeo.log" -- skopeo copy -q "${skopeo_auth[@]}" --src-tls-verify=false \
            "docker://$host/big-stages:dimgstage-$big_last" "oci:$target:pulled")
        fi
        read -r wall rss code <<< "$result"
        if [[ $code -ne 0 ]]; then failed "1 GiB pull by $tool: $(tail -2 "$work/logs/big-pull-$tool.log")";
        else add "big-pull.$tool" "$wall"; add "big-pull-rss.$tool" "$rss"; fi
        rm -rf "$target"
      done
    fi
  fi
  rm -rf "$big_project" "$big_store"
fi

# --- 5. start-up ---------------------------------------------------------------------------------------------
say "5. start-up, $startup_runs run(s) each"
# The release archive mvn package wrote, unpacked as a user would: its own runtime, nothing else.
release_archive=$(ls "$root"/app/target/dapp-*-linux-*.tar.gz 2>/dev/null | head -1)
startup_tools=(version login-plan skopeo-version)
if [[ -n "$release_archive" ]]; then
  mkdir -p "$work/release"
  if tar -xzf "$release_archive" -C "$work/release"; then
    startup_tools+=(release-version)
  else
    failed "unpacking $release_archive"
  fi
fi
for run in $(seq 1 "$startup_runs"); do
  for tool in "${startup_tools[@]}"; do
    case $tool in
      version) result=$(measure "$work/logs/version.log" -- "$dapp" --version) ;;
      release-version) result=$(measure "$work/logs/release-version.log" -- "$work/release/bin/dapp" --version) ;;
      login-plan) result=$(measure "$work/logs/login-plan.log" -- "$dapp" registry login-plan dimg push "$host/x") ;;
      skopeo-version) result=$(measure "$work/logs/skopeo-version.log" -- skopeo --version) ;;
    esac
    read -r wall rss code <<< "$result"
    if [[ $code -ne 0 ]]; then failed "$tool (exit $code): $(tail -2 "$work/logs/$tool.log")"; continue; fi
    add "$tool" "$wall"
  done
done

# --- 6. cleanup of many tags ---------------------------------------------------------------------------------
say "6. cleanup of $tags tags (--dry-run, then the delete), $runs run(s)"
cleanup_project="$work/cleanup-project"
mkdir -p "$cleanup_project"
echo "from: scratch" > "$cleanup_project/dappfile.yaml"
git -C "$cleanup_project" init -q -b main
git -C "$cleanup_project" add -A
git -C "$cleanup_project" -c user.name=bench -c user.email=bench@example.invalid commit -q -m bench
cleanup_repo="$host/cleanup"
seed() { BENCH_USER=$user BENCH_PASSWORD=$password python3 "$lib/seed_tags.py" "$@" "http://$host" cleanup "$tags" feature \
  >> "$work/logs/seed.log" 2>&1; }
fresh=(--fresh)
for run in $(seq 1 "$runs"); do
  if ! seed "${fresh[@]}"; then failed "seeding $tags tags: $(tail -2 "$work/logs/seed.log")"; break; fi
  fresh=()
  for mode in dry-run delete; do
    flags=(--without-kube); [[ $mode == dry-run ]] && flags+=(--dry-run)
    before=$(mark) cpu_before=$(registry_cpu)
    result=$(measure "$work/logs/cleanup-$mode-$run.log" -- "$dapp" dimg cleanup repo "$cleanup_repo" --dir "$cleanup_project" \
      "${flags[@]}")
    after=$(mark) cpu_after=$(registry_cpu)
    read -r wall rss code <<< "$result"
    expected="dry run: $tags of $tags tag(s) would be deleted"
    [[ $mode == delete ]] && expected="$tags of $tags tag(s) deleted, 0 failed"
    if [[ $code -ne 0 ]] || ! grep -qF "$expected" "$work/logs/cleanup-$mode-$run.log"; then
      failed "cleanup $mode (exit $code): $(tail -2 "$work/logs/cleanup-$mode-$run.log")"
      continue
    fi
    add "cleanup-$mode" "$wall"; add "cleanup-$mode-rss" "$rss"; add "cleanup-$mode-requests" "$(requests_between "$before" "$after")"
    add "cleanup-$mode-registry-cpu" "$(awk -v a="$cpu_before" -v b="$cpu_after" 'BEGIN {printf "%.2f", b - a}')"
  done
done
# The registry's floor for the delete: the same DELETE requests (8 at a time, as dapp sends them) from a
# client that does nothing else. What dapp's delete takes beyond it is dapp's own.
if seed --digests "$work/digests"; then
  floor=$(BENCH_USER=$user BENCH_PASSWORD=$password python3 "$lib/delete_digests.py" "http://$host" cleanup \
    "$work/digests" 8 2>> "$work/logs/seed.log") && add "cleanup-delete-floor" "$floor" \
    || failed "deleting the seeded manifests directly: $(tail -2 "$work/logs/seed.log")"
else
  failed "seeding $tags tags for the delete floor: $(tail -2 "$work/logs/seed.log")"
fi

# --- the table -----------------------------------------------------------------------------------------------
rows=() misses=()
# row METRIC DAPP SKOPEO TARGET_KIND TARGET_VALUE TARGET_TEXT: kinds are ratio (dapp/skopeo <= value),
# max (dapp <= value), none.
row() {
  local metric=$1 d=$2 s=$3 kind=$4 limit=$5 text=$6 ratio="" met="—"
  [[ -n "$d" && -n "$s" ]] && ratio=$(awk -v d="$d" -v s="$s" 'BEGIN {if (s > 0) printf "%.2f", d / s}')
  if [[ -z "$d" ]]; then
    met="FAILED"
  elif [[ $kind == ratio && -n "$ratio" ]]; then
    met=$(awk -v r="$ratio" -v l="$limit" 'BEGIN {print (r <= l) ? "yes" : "no"}')
    [[ $met == no ]] && misses+=("$metric: dapp/skopeo = $ratio, target ≤ $limit (missed by $(awk -v r="$ratio" -v l="$limit" 'BEGIN {printf "%.2f", r - l}')×)")
  elif [[ $kind == max ]]; then
    met=$(awk -v d="$d" -v l="$limit" 'BEGIN {print (d <= l) ? "yes" : "no"}')
    [[ $met == no ]] && misses+=("$metric: $d, target $text (missed by $(awk -v d="$d" -v l="$limit" 'BEGIN {printf "%.3g", d - l}'))")
  fi
  rows+=("| $metric | ${d:-—} | ${s:-—} | ${ratio:-—} | $text | $met |")
}
med() { median $(values "$1"); }
medmib() { local v; v=$(med "$1"); [[ -n "$v" ]] && mib "$v"; }
shape="$layers × $size MiB"
row "fresh push, $shape (s)" "$(med push.dapp)" "$(med push.skopeo)" ratio 1.0 "≤ 1.0× skopeo"
row "no-op re-push (s)" "$(med noop.dapp)" "$(med noop.skopeo)" ratio 3.0 "≤ 3× skopeo"
row "no-op re-push, HTTP requests" "$(med noop-requests.dapp)" "$(med noop-requests.skopeo)" ratio 1.0 "≤ skopeo"
row "no-op re-push, HTTP requests, login by dapp (verified as docker login)" "$(med noop-requests.dapp-login)" \
  "$(med noop-requests.skopeo)" none "" "skopeo does not verify a login; see notes"
row "no-op re-push, login by dapp (s)" "$(med noop.dapp-login)" "$(med noop.skopeo)" none "" "—"
row "no-op re-push, the project as a git work tree (s)" "$(med noop.dapp-git)" "$(med noop.skopeo)" ratio 3.0 "≤ 3× skopeo"
row "pull into an empty store, $shape (s)" "$(med pull.dapp)" "$(med pull.skopeo)" ratio 1.0 "≤ 1.0× skopeo"
row "pull, HTTP requests" "$(med pull-requests.dapp)" "$(med pull-requests.skopeo)" none "" "— (dapp gets the newest stage's manifest and config and makes the stages below it from its history)"
rss_push=$(medmib push-rss.dapp) rss_pull=$(medmib pull-rss.dapp)
row "peak RSS, push, $size MiB layers (MiB)" "$rss_push" "$(medmib push-rss.skopeo)" max 200 "≤ 200 MiB"
row "peak RSS, pull, $size MiB layers (MiB)" "$rss_pull" "$(medmib pull-rss.skopeo)" max 200 "≤ 200 MiB"
if [[ $big -eq 1 ]]; then
  for op in push pull; do
    d=$(medmib "big-$op-rss.dapp") small=$rss_push; [[ $op == pull ]] && small=$rss_pull
    limit=200
    [[ -n "$small" ]] && limit=$(awk -v s="$small" 'BEGIN {l = s * 1.1; print (l < 200) ? l : 200}')
    row "peak RSS, $op, one 1 GiB layer (MiB)" "$d" "$(medmib "big-$op-rss.skopeo")" max "$limit" \
      "≤ 200 MiB and ≤ 1.1× the $size MiB figure"
    row "$op, one 1 GiB layer (s)" "$(med "big-$op.dapp")" "$(med "big-$op.skopeo")" none "" "—"
  done
fi
row "dapp --version (s)" "$(med version)" "$(med skopeo-version)" max 0.4 "≤ 0.4 s (skopeo: skopeo --version)"
if [[ -n "$release_archive" ]]; then
  row "dapp --version from the release archive (s)" "$(med release-version)" "$(med skopeo-version)" max \
    "$(med version)" "≤ dapp --version from the jar ($(med version) s)"
  row "release archive, ${release_archive##*/} (MiB)" \
    "$(awk -v b="$(stat -c %s "$release_archive")" 'BEGIN {printf "%.1f", b / 1048576}')" "" max 80 "≤ 80 MiB"
fi
if [[ ${java_feature:-0} -ge 25 ]]; then
  row "dapp registry login-plan dimg push HOST/x (s)" "$(med login-plan)" "" max 0.10 "≤ 0.10 s (JDK 25+)"
else
  row "dapp registry login-plan dimg push HOST/x (s)" "$(med login-plan)" "" none "" "—"
fi
row "cleanup of $tags tags, --dry-run (s)" "$(med cleanup-dry-run)" "" max 10 "≤ 10 s"
row "cleanup of $tags tags, delete (s)" "$(med cleanup-delete)" "" max 10 "≤ 10 s"
row "cleanup delete floor: the same $tags DELETEs alone, 8 at a time (s)" "$(med cleanup-delete-floor)" "" none "" \
  "— (the registry's own time for the deletes; no client does them faster)"
row "cleanup, HTTP requests (dry-run / delete)" "$(med cleanup-dry-run-requests) / $(med cleanup-delete-requests)" "" none "" "—"
row "cleanup, the registry's own CPU time (s, dry-run / delete)" \
  "$(med cleanup-dry-run-registry-cpu) / $(med cleanup-delete-registry-cpu)" "" none "" "— (Distribution's share of the work)"

cpu=$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//')
ram=$(awk '/MemTotal/ {printf "%.1f GiB", $2 / 1048576}' /proc/meminfo)
{
  echo "# dapp vs skopeo: transfer benchmark ($([[ $smoke -eq 1 ]] && echo smoke || echo full) run)"
  echo
  echo "- date: $(date -u '+%Y-%m-%d %H:%M UTC'); dapp $(git -C "$root" rev-parse --short HEAD 2>/dev/null)$(git -C "$root" diff --quiet 2>/dev/null || echo ' (with uncommitted changes)')"
  echo "- machine: $cpu, $(nproc) cores, $ram RAM, kernel $(uname -r); load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
  echo "- $java_version${JAVA_HOME:+ (JAVA_HOME=$JAVA_HOME)}; $(skopeo --version); $(docker-registry --version 2>&1 | head -1)"
  echo "- launcher, --version and login-plan: ${note_info:-no note}"
  echo "- launcher, dimg commands: ${note_work:-no note}"
  echo "- image: $shape random (incompressible) gzip layers; median of $runs run(s), alternating; start-up median of $startup_runs"
  echo "- dapp push/pull --jobs: $([[ ${#push_jobs[@]} -gt 0 ]] && echo "$jobs" || echo 'not available (sequential transfers)')"
  echo "- registry: Distribution on 127.0.0.1, htpasswd basic auth (bcrypt cost 4), a new one for each fresh-push run (skopeo would mount blobs it pushed before); both tools read one docker config"
  echo
  echo "| metric | dapp | skopeo | dapp/skopeo | target | met? |"
  echo "| --- | --- | --- | --- | --- | --- |"
  printf '%s\n' "${rows[@]}"
  echo
  if [[ ${#misses[@]} -gt 0 ]]; then
    echo "Missed targets:"
    printf -- '- %s\n' "${misses[@]}"
  else
    echo "Every target with a figure was met."
  fi
  if [[ $smoke -eq 0 && -f "$root/bench/profiling.md" ]]; then
    echo
    cat "$root/bench/profiling.md"
  fi
} > "$work/table.md"
mkdir -p "$(dirname "$out")"
cp "$work/table.md" "$out"
cat "$work/table.md"
echo >&2
echo "written to $out" >&2
if [[ $failures -gt 0 ]]; then
  echo "transfer.sh: $failures step(s) failed" >&2
  exit 1
fi
