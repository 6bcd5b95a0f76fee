#!/usr/bin/env bash
# Trains the ahead-of-time caches the launcher (app/bin/dapp) starts dapp with on JDK 25 and later (JEP 483,
# 514): the classes dapp loads, already parsed, verified and linked. They succeed the class-data-sharing
# archive (make-archive.sh), which JDK 17 to 24 keep using exactly as before.
#
# Which JVM: the one the launcher will run (JAVA_HOME/bin/java, else java on PATH) when it is 25 or newer,
# else the JVM running the build (BUILD_JAVA_HOME) when that one is; else there is nothing to do, quietly (a
# build on JDK 17 prints and takes what it did before). A cache works only with the JVM that made it and the
# jar it was made from, at the same path: the stamp file CACHE.jvm says which, and the launcher checks it.
#
# A cache is made of one JVM's run (JEP 514's -XX:AOTCacheOutput: the training run, then the cache written
# by a second JVM it starts at its exit), so each training is one JVM (io.dapp.app.AotTraining) running the
# commands a CI job runs, one after the other: dapp-info.aot for those that only print (--version, registry
# login-plan), dapp.aot for the others (--help, a build, a push, the same push again with nothing to send, a
# push logged in by dapp, stages push and pull, a cleanup dry run). Those need a registry: a
# throw-away Distribution (Debian's docker-registry) on 127.0.0.1 when it is installed; without it they run
# against a closed port (they fail at their first request, after setting everything up) and the build says
# so. The whole training is bounded: DAPP_AOT_TRAINING_TIMEOUT seconds (120 by default).
#
# usage: make-aot-cache.sh JAR DIR [BUILD_JAVA_HOME]     (writes DIR/dapp-info.aot and DIR/dapp.aot)
# Never fails the build: without a cache dapp works the same, only slower to start.
set -uo pipefail
jar=$(readlink -f "$1") dir=$2 build_home=${3:-}
timeout_seconds=${DAPP_AOT_TRAINING_TIMEOUT:-120}

# release_value HOME KEY: a value of the JDK's release file (JAVA_VERSION, JAVA_RUNTIME_VERSION), unquoted.
release_value() {
  local line
  [[ -f "$1/release" ]] || return 1
  while IFS= read -r line; do
    if [[ $line == "$2="* ]]; then
      line=${line#*=}; line=${line#\"}; echo "${line%\"}"
      return 0
    fi
  done < "$1/release"
  return 1
}
# feature JAVA: the feature release (17, 25...) of a java binary; 0 when it cannot be told.
feature() {
  local home version
  home=$(dirname "$(dirname "$1")")
  version=$(release_value "$home" JAVA_VERSION) \
    || version=$("$1" -version 2>&1 | sed -n '1s/^[^"]*"\([^"]*\)".*/\1/p')
  version=${version%%[.+-]*}
  [[ $version =~ ^[0-9]+$ ]] && echo "$version" || echo 0
}

# The java the launcher will run, as it picks it.
if [[ -n "${JAVA_HOME:-}" ]]; then
  launcher_java=$JAVA_HOME/bin/java
else
  launcher_java=$(command -v java || true)
fi
java=""
for candidate in "$launcher_java" "${build_home:+$build_home/bin/java}"; do
  [[ -n "$candidate" && -x "$candidate" ]] || continue
  candidate=$(readlink -f "$candidate")
  if [[ $(feature "$candidate") -ge 25 ]]; then
    java=$candidate
    break
  fi
done
if [[ -z "$java" ]]; then
  # JDK 17 to 24: the class-data-sharing archive serves; a cache of an earlier build would only be refused.
  rm -f "$dir/dapp-info.aot" "$dir/dapp-info.aot.jvm" "$dir/dapp.aot" "$dir/dapp.aot.jvm"
  exit 0
fi
rm -f "$dir/dapp-info.aot" "$dir/dapp-info.aot.jvm" "$dir/dapp.aot" "$dir/dapp.aot.jvm"
started=$SECONDS
work=$(mktemp -d "${TMPDIR:-/tmp}/dapp-aot.XXXXXX")
registry_pid=""
finish() {
  [[ -n "$registry_pid" ]] && kill "$registry_pid" 2>/dev/null && wait "$registry_pid" 2>/dev/null
  rm -rf "$work"
}
trap finish EXIT

# A one-layer project, as a git work tree when git is there (JGit reads it as a CI checkout; the cleanup
# reads its branches).
project="$work/project"
mkdir -p "$project/src"
echo "dapp" > "$project/src/index.html"
printf 'from: scratch\ngit:\n- add: /src\n  to: /srv\n' > "$project/dappfile.yaml"
if command -v git >/dev/null; then
  git -C "$project" init -q && git -C "$project" add -A \
    && git -C "$project" -c user.name=dapp -c user.email=dapp@example.invalid commit -q -m training
fi

# The throw-away registry: htpasswd, as the registries of CI jobs want a login (a known password: it lives
# for the seconds of the training, on 127.0.0.1, and is deleted with what was pushed to it).
user=training password=dapp-aot-training
# http_status HOST PATH: the status code of a GET, with bash alone (no curl needed to build dapp).
http_status() {
  local host=${1%:*} port=${1##*:} line
  exec 3<>"/dev/tcp/$host/$port" 2>/dev/null || return 1
  printf 'GET %s HTTP/1.0\r\nHost: %s\r\n\r\n' "$2" "$1" >&3
  IFS= read -r -t 2 line <&3
  exec 3>&-
  line=${line#HTTP/* }
  echo "${line%% *}"
}
host=""
registry_note=""
if command -v docker-registry >/dev/null; then
  echo "$user:\$2b\$04\$5AqqdMOa.mbXdxCaffqHiu9.Kpz7nN6Ukm97MW42IZvsz6yPy6LeW" > "$work/htpasswd"
  for _ in 1 2 3; do
    port=$((20000 + RANDOM % 40000))
    http_status "127.0.0.1:$port" /v2/ >/dev/null 2>&1 && continue   # taken
    cat > "$work/registry.yml" <<YML
version: 0.1
log: {level: error, accesslog: {disabled: true}}
storage:
  filesystem: {rootdirectory: $work/registry}
  delete: {enabled: true}
http:
  addr: 127.0.0.1:$port
auth:
  htpasswd: {realm: dapp-aot-training, path: $work/htpasswd}
YML
    OTEL_TRACES_EXPORTER=none docker-registry serve "$work/registry.yml" > "$work/registry.log" 2>&1 &
    registry_pid=$!
    for _ in $(seq 1 50); do
      [[ $(http_status "127.0.0.1:$port" /v2/ 2>/dev/null) == 401 ]] && { host=127.0.0.1:$port; break; }
      kill -0 "$registry_pid" 2>/dev/null || break
      sleep 0.1
    done
    [[ -n "$host" ]] && break
    kill "$registry_pid" 2>/dev/null && wait "$registry_pid" 2>/dev/null
    registry_pid=""
  done
  [[ -n "$host" ]] || registry_note="docker-registry did not start ($(tail -1 "$work/registry.log" 2>/dev/null))"
else
  registry_note="docker-registry is not installed"
fi
if [[ -n "$host" ]]; then
  mkdir -p "$work/.docker"
  printf '{"auths":{"%s":{"auth":"%s"}}}\n' "$host" "$(printf '%s:%s' "$user" "$password" | base64 -w0)" \
    > "$work/.docker/config.json"
else
  # Nothing listens on port 1: the registry commands fail at their first request, without retries.
  host=127.0.0.1:1
fi

repo=$host/training stages=$host/training-stages store=$work/store
# Two caches, as the JVM loads every class of its cache at start: a command that only prints would otherwise
# load the ~5,000 classes of pushing and pulling for nothing (login-plan took 25% longer with one cache).
# The info cache serves --version and registry login-plan only: trained on --help too (the whole command tree)
# it made both 5-10% slower.
info_commands=(
  --version ";"
  registry login-plan dimg push "$repo" ";"
  registry login-plan --json dimg cleanup repo "$repo" --registry-username "$user" --registry-password-stdin
)
work_commands=(
  --help ";"
  dimg build --dir "$project" --store "$store" ";"
  dimg push "$repo" --dir "$project" --store "$store" ";"
  dimg push "$repo" --dir "$project" --store "$store" ";"
  dimg push "$repo" --dir "$project" --store "$store" --registry-username "$user" --registry-password "$password" ";"
  dimg stages push "$stages" --dir "$project" --store "$store" ";"
  dimg stages pull "$stages" --dir "$project" --store "$work/store-pull" ";"
  dimg cleanup repo "$repo" --dir "$project" --dry-run --without-kube
)
# The launcher's JVM options (the garbage collector shapes what is archived; the JIT thresholds what the
# training compiles), and the class path exactly as the launcher gives it (the JVM compares the path).
# Method profiles (JEP 515) are left out: with them the JVM compiled twice as much at the start of every
# command (CITime of a no-op push 0.60 s against 0.38 s), which cost more CPU and time than it saved.
jvm_options=(-XX:+UseSerialGC -XX:Tier4InvocationThreshold=50000 -XX:Tier4MinInvocationThreshold=6000
  -XX:Tier4CompileThreshold=150000 -XX:Tier4BackEdgeThreshold=400000)
if "$java" -XX:+UnlockDiagnosticVMOptions -XX:-AOTRecordTraining -version >/dev/null 2>&1; then
  jvm_options+=(-XX:+UnlockDiagnosticVMOptions -XX:-AOTRecordTraining)
fi
deadline=$((SECONDS + timeout_seconds))
# train NAME CACHE WORD...: one training JVM; CACHE and its stamp when it wrote one; a line saying what it did.
train() {
  local name=$1 output=$2 left=$((deadline - SECONDS)) status code words trained=0 failed=()
  shift 2
  rm -f "$work/$name.aot" "$work/$name.results"
  if [[ $left -le 0 ]]; then
    echo "[aot] no time left for the $name cache (DAPP_AOT_TRAINING_TIMEOUT=${timeout_seconds}s)" >&2
    return
  fi
  env -u DAPP_DOCKER_CONFIG -u DAPP_STORE -u DAPP_INSECURE_REGISTRY -u CI_JOB_TOKEN -u CI_REGISTRY \
    -u DAPP_DIMG_CLEANUP_REGISTRY_PASSWORD -u JAVA_TOOL_OPTIONS -u JDK_JAVA_OPTIONS -u JDK_AOT_VM_OPTIONS \
    HOME="$work" TMPDIR="$work" \
    timeout "$left" "$java" "${jvm_options[@]}" -XX:AOTCacheOutput="$work/$name.aot" \
    -Xlog:aot=info:file="$work/$name-aot.log" -cp "$jar" io.dapp.app.AotTraining "$work/$name.results" "$@" \
    > "$work/$name-training.log" 2>&1 < /dev/null
  status=$?
  if [[ -f "$work/$name.results" ]]; then
    while IFS=$'\t' read -r code words; do
      if [[ $code == 0 ]]; then trained=$((trained + 1)); else failed+=("'${words%% --*}' ($code)"); fi
    done < "$work/$name.results"
  fi
  if [[ $status -ne 0 || ! -s "$work/$name.aot" ]]; then
    local why="exit $status"
    [[ $status -eq 124 ]] && why="stopped after DAPP_AOT_TRAINING_TIMEOUT=${timeout_seconds}s"
    echo "[aot] training the $name cache failed ($why): none made ($(grep -v '^\[' "$work/$name-training.log" | tail -1))" >&2
    return
  fi
  mv "$work/$name.aot" "$output"
  # The stamp the launcher checks: the JVM, its build, the cache's size and time (one cut short or written
  # over is refused) and the jar's path.
  printf '%s\n%s\n%s\n%s\n' "$java" "$runtime" "$(stat -c '%s %Y' "$output")" "$jar" > "$output.jvm"
  # The counts of the JVM that wrote the cache (its log pushed the training's to NAME-aot.log.0): all
  # classes, and those of the application class loader (dapp and its libraries; the rest are the JDK's).
  local classes app
  classes=$(cat "$work/$name-aot.log" 2>/dev/null | sed -n 's/.*instance classes *= *\([0-9]*\).*/\1/p' | tail -1)
  app=$(cat "$work/$name-aot.log" 2>/dev/null | sed -n 's/.*\] *app *= *\([0-9]*\).*/\1/p' | tail -1)
  echo "[aot] ${classes:-?} classes (${app:-?} of dapp and its libraries) in $output ($(($(stat -c %s "$output") / 1048576)) MiB), trained on $trained command(s)${failed[*]:+; failed: ${failed[*]}}"
}
runtime=$(release_value "$(dirname "$(dirname "$java")")" JAVA_RUNTIME_VERSION || echo unknown)
# Side by side: the build has nothing else to do meanwhile, and machines that build have two cores or more.
train info "$dir/dapp-info.aot" "${info_commands[@]}" &
info_pid=$!
train work "$dir/dapp.aot" "${work_commands[@]}"
wait "$info_pid"
echo "[aot] trained with $java ($runtime) in $((SECONDS - started)) s"
[[ -n "$registry_note" ]] && echo "[aot] $registry_note: push, pull and cleanup were trained against a closed port only"
exit 0
