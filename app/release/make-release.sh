#!/usr/bin/env bash
# Builds the release archive: dapp with its own Java runtime, for machines with no Java installed.
#
#   dapp-VERSION-linux-ARCH.tar.gz     (unpack anywhere; put its bin on PATH)
#     bin/dapp                         the launcher (app/bin/dapp): it runs the runtime next to it
#     lib/dapp.jar                     the executable jar
#     lib/dapp.jsa | lib/dapp*.aot     the start-up cache trained with this runtime (CDS before JDK 25, AOT after)
#     runtime/                         a Java runtime made by jlink with the modules dapp uses
#     dappfile.yaml                    the repository's: builds dapp's own image from the unpacked archive
#
# The runtime is made from the JDK running the build (BUILD_JAVA_HOME), with its jlink: the modules are
# the ones jdeps finds the jar using, plus the service providers the JDK loads by name, which no class
# refers to and jdeps cannot see (jdk.crypto.ec: TLS key exchange and certificates with elliptic curves).
# A start-up cache works only with the JVM that made it, so it is trained here, with the runtime itself,
# by the same scripts as the checkout's caches (app/cds), so that it still fits when the archive is unpacked
# elsewhere: the stamps name paths relative to the archive's root, JDK 25's AOT cache follows a jar that moved
# with it, and JDK 17's CDS archive is dumped with the class path the launcher gives wherever it is.
#
# usage: make-release.sh JAR VERSION BUILD_JAVA_HOME OUTPUT_DIR
# Unlike the cache scripts it fails the build when it cannot make the archive: the archive is a product.
set -euo pipefail
jar=$(readlink -f "$1") version=$2 build_home=$3 out=$4
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
app=${here%/release}
started=$SECONDS

# release_value HOME KEY: a value of a JDK's release file, unquoted.
release_value() { sed -n "s/^$2=\"\{0,1\}\([^\"]*\)\"\{0,1\}$/\1/p" "$1/release" 2>/dev/null; }
feature=$(release_value "$build_home" JAVA_VERSION)
feature=${feature%%[.+-]*}
[[ $feature =~ ^[0-9]+$ ]] || { echo "[release] $build_home has no release file naming its version" >&2; exit 1; }
for tool in jdeps jlink; do
  [[ -x "$build_home/bin/$tool" ]] || { echo "[release] $build_home has no bin/$tool: build with a JDK, not a JRE" >&2; exit 1; }
done
case $(uname -m) in
  x86_64) arch=x64 ;;
  aarch64) arch=aarch64 ;;
  *) arch=$(uname -m) ;;
esac
name="dapp-$version-linux-$arch"
stage="$out/release/$name"
rm -rf "$stage" "$out/$name.tar.gz"
mkdir -p "$stage/bin" "$stage/lib"
stage=$(readlink -f "$stage") # the stamps name real paths

# The modules the jar's classes use, the multi-release classes of this feature release included. Classes
# that refer to libraries dapp does not ship (optional parts of JNA, Jersey, JGit) are left out of the
# analysis, not failed on.
modules=$("$build_home/bin/jdeps" --ignore-missing-deps --multi-release "$feature" --print-module-deps "$jar")
[[ $modules =~ ^[a-z0-9.,]+$ ]] || { echo "[release] jdeps did not list modules: $modules" >&2; exit 1; }
for provider in jdk.crypto.ec; do
  "$build_home/bin/java" --list-modules | grep -q "^$provider@" && modules="$modules,$provider"
done
# JDK 21 renamed the compression levels; 17 knows only the numbers (2 = zip).
compress=zip-6
[[ $feature -lt 21 ]] && compress=2
"$build_home/bin/jlink" --add-modules "$modules" --strip-debug --no-header-files --no-man-pages \
  --compress="$compress" --output "$stage/runtime"

cp "$app/bin/dapp" "$stage/bin/dapp"
chmod 755 "$stage/bin/dapp"
cp "$jar" "$stage/lib/dapp.jar"
# Everything in lib is dated the epoch, the date dapp gives the files of a layer: the JVM checks the jar's date
# against the one its cache recorded, and it must match in the archive and in the image the dappfile builds
# from it (the launcher does not compare the cache's date with the jar's in an archive, made together).
touch -d @0 "$stage/lib/dapp.jar"
cp "${app%/app}/dappfile.yaml" "$stage/dappfile.yaml"

# The start-up cache of this very runtime: the cache scripts train the java of JAVA_HOME.
if [[ $feature -ge 25 ]]; then
  JAVA_HOME="$stage/runtime" bash "$app/cds/make-aot-cache.sh" "$stage/lib/dapp.jar" "$stage/lib" "$stage/runtime"
  stamps=("$stage/lib/dapp-info.aot.jvm" "$stage/lib/dapp.aot.jvm")
else
  # JDK 17 takes the archive only with the class path it was dumped with: the launcher names the jar by a
  # descriptor it opens on it, /proc/self/fd/3, the same string wherever the archive is unpacked.
  JAVA_HOME="$stage/runtime" bash "$app/cds/make-archive.sh" "$stage/lib/dapp.jar" "$stage/lib/dapp.jsa" /proc/self/fd/3
  stamps=("$stage/lib/dapp.jsa.jvm")
fi
for stamp in "${stamps[@]}"; do
  [[ -f $stamp ]] || { echo "[release] no start-up cache was made (${stamp##*/} is missing)" >&2; exit 1; }
  # The stamps name the JVM and the jar by their paths here; the launcher compares them relative to the
  # archive's root, wherever it is unpacked.
  sed -i "s|^$stage/||" "$stamp"
  cache=${stamp%.jvm}
  touch -d @0 "$cache"
  # An AOT stamp's third line is the cache's size and date, which the launcher checks.
  [[ $cache == *.aot ]] && sed -i "3s/.*/$(stat -c '%s %Y' "$cache")/" "$stamp"
done

# Owned by root in the archive, whoever built it; times kept, as the launcher compares the cache's with the jar's.
tar -C "$stage" --owner=0 --group=0 --numeric-owner -czf "$out/$name.tar.gz" bin lib runtime dappfile.yaml
echo "[release] $out/$name.tar.gz: $(($(stat -c %s "$out/$name.tar.gz") / 1048576)) MiB, runtime of $modules (JDK $feature), in $((SECONDS - started)) s"
