#!/usr/bin/env bash
# Builds the class-data-sharing archive the launcher (app/bin/dapp) runs with: the JVM maps the classes
# dapp loads at start-up (picocli, Dagger, Jersey, Jackson, its own) already parsed and verified instead of
# reading them from the 15 MB jar, which is most of dapp's start-up time.
#
# JDK 17 has no -XX:+AutoCreateSharedArchive, and its dynamic archive (-XX:ArchiveClassesAtExit) leaves out
# picocli (class files of Java 5); a static archive holds them. So: run dapp a few times to list the
# classes it loads (no network: the registry commands aim at a closed port and fail at once after building
# and setting up the HTTP client), then dump those classes.
#
# The archive is made for the java the launcher runs: JAVA_HOME/bin/java, else java on PATH. On JDK 25 and
# later the launcher uses the ahead-of-time cache (make-aot-cache.sh) instead, and no archive is made.
#
# JDK 17 records the class path it dumped with and accepts the archive only with that very string (JDK 25's
# AOT cache follows a jar that moved with it). The release archive (app/release/make-release.sh) is unpacked anywhere, so its launcher names the jar
# /proc/self/fd/3, a descriptor it opens on the jar: CLASS_PATH /proc/self/fd/3 trains and dumps the same way.
#
# usage: make-archive.sh JAR ARCHIVE [CLASS_PATH]   (the launcher uses ARCHIVE only with the JVM in ARCHIVE.jvm)
# Never fails the build: without an archive dapp works the same, only slower to start.
set -uo pipefail
jar=$(readlink -f "$1") archive=$2 class_path=${3:-}
if [[ -n "$class_path" ]]; then
  exec 3<"$jar"
else
  class_path=$jar
fi
rm -f "$archive" "$archive.jvm"
if [[ -n "${JAVA_HOME:-}" ]]; then
  java=$JAVA_HOME/bin/java
  [[ -x "$java" ]] || { echo "[cds] JAVA_HOME has no bin/java: no archive" >&2; exit 0; }
else
  java=$(command -v java) || { echo "[cds] no java on PATH: no archive" >&2; exit 0; }
fi
java=$(readlink -f "$java")
# The feature release from the JDK's release file (JAVA_VERSION="25.0.3"): 25 and later have the AOT cache.
version=$(sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$(dirname "$(dirname "$java")")/release" 2>/dev/null)
[[ -n "$version" && $version -ge 25 ]] && exit 0
work=$(mktemp -d "${TMPDIR:-/tmp}/dapp-cds.XXXXXX")
trap 'rm -rf "$work"' EXIT

# A one-layer project, as a git work tree when git is there (JGit reads it as a CI checkout).
project="$work/project"
mkdir -p "$project/src"
echo "dapp" > "$project/src/index.html"
printf 'from: scratch\ngit:\n- add: /src\n  to: /srv\n' > "$project/dappfile.yaml"
if command -v git >/dev/null; then
  git -C "$project" init -q && git -C "$project" add -A \
    && git -C "$project" -c user.name=dapp -c user.email=dapp@example.invalid commit -q -m training
fi
# Nothing listens on port 1: the registry commands fail at their first request, without retries.
closed=127.0.0.1:1/training
runs=(
  "--version"
  "registry login-plan dimg push $closed"
  "dimg push $closed --dir $project --store $work/store"
  "dimg stages pull $closed --dir $project --store $work/store-pull"
)
i=0
for run in "${runs[@]}"; do
  i=$((i + 1))
  # shellcheck disable=SC2086 # the runs are word lists
  env -u DAPP_DOCKER_CONFIG -u CI_JOB_TOKEN -u CI_REGISTRY HOME="$work" TMPDIR="$work" \
    "$java" -XX:+UseSerialGC -XX:DumpLoadedClassList="$work/classes.$i" -jar "$class_path" $run >/dev/null 2>&1
done
# Each class once, in the order first loaded.
cat "$work"/classes.* 2>/dev/null | awk '!seen[$0]++' > "$work/classes"
if [[ ! -s "$work/classes" ]]; then
  echo "[cds] the training runs listed no classes: no archive" >&2
  exit 0
fi
if "$java" -Xshare:dump -XX:+UseSerialGC -XX:SharedClassListFile="$work/classes" -XX:SharedArchiveFile="$work/archive" \
    -cp "$class_path" > "$work/dump.log" 2>&1 && [[ -s "$work/archive" ]]; then
  mv "$work/archive" "$archive"
  echo "$java" > "$archive.jvm"
  echo "[cds] $(wc -l < "$work/classes") classes archived in $archive"
  # A class left out is read from the jar on every run. picocli's CommandLine is an old (Java 5) class file
  # that the dump leaves out once it links it, as it does for the types of lambdas it archives.
  grep -o 'Skipping [^ ]*: .*' "$work/dump.log" | grep -v 'JFR event class\|Unsupported location' | sed 's/^/[cds] left out: /' | sort -u | head -20
else
  echo "[cds] dumping the archive failed: no archive ($(tail -1 "$work/dump.log"))" >&2
fi
exit 0
