#!/usr/bin/env bash
# Builds gpu/bundle/: everything the GPU check needs on a machine that has an NVIDIA GPU but no
# Java and no Maven, in at most 60 MiB (a device `run` call carries 64 MiB). Not part of
# `mvn -B verify`; .ci/run builds it and runs its check, so a bundle that breaks or grows fails CI.
#
#   bash gpu/bundle.sh            then, on the GPU machine:   bash gpu/bundle/check.sh
#
# What it holds:
#   check.sh           the check (from gpu/check.sh)
#   gpu_compare.py     PyTorch's side of the speed comparison, and the table (from bench/gpu_compare.py)
#   runtime.tar.xz     a jlink'd Java runtime of only the modules the jars below use, stripped and
#                      packed with xz (87 MiB unpacked, 19.6 MiB packed); check.sh unpacks it
#   jvm.options        the options that runtime is started with
#   lib/conv4j.jar     the conv4j command line as ./conv4j runs it (OpenBLAS, JavaCPP's
#                      cudart/cuBLAS/cuDNN/NVRTC bindings inside; the CUDA libraries come from the machine),
#                      less oneDNN's natives (its CPU convolutions are im2col + OpenBLAS)
#   lib/*.jar          the libraries only the tests use
#   tests/*.jar        every module's test classes, and JUnit's console launcher
#   BUNDLE.txt         what it was built from, and the size of each part
#
# The runtime is linked from a Temurin JDK when /usr/lib/jvm has one (its libraries need only
# glibc, where a distribution's JDK links the distribution's libjpeg, lcms2, freetype ...), else
# from the JDK on the PATH; BUNDLE_JDK=/path/to/jdk chooses another.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
bundle="$root/gpu/bundle"
limit_mib=60

pick_jdk() {
    if [ -n "${BUNDLE_JDK:-}" ]; then
        echo "$BUNDLE_JDK"
        return
    fi
    local t
    for t in $(ls -d /usr/lib/jvm/temurin-*-jdk* 2>/dev/null | sort -V -r); do
        if [ -x "$t/bin/jlink" ]; then
            echo "$t"
            return
        fi
    done
    dirname "$(dirname "$(readlink -f "$(command -v javac)")")"
}
jdk="$(pick_jdk)"
[ -x "$jdk/bin/jlink" ] || { echo "gpu/bundle.sh: no jlink in $jdk (set BUNDLE_JDK to a JDK 17 or newer)" >&2; exit 1; }
jdk_version="$("$jdk/bin/java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.version = //p')"
jdk_major="$("$jdk/bin/java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p')"
[ "$jdk_major" -ge 17 ] || { echo "gpu/bundle.sh: $jdk is Java $jdk_version; conv4j needs 17 or newer" >&2; exit 1; }

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
step() { printf 'gpu/bundle.sh: %s\n' "$*"; }

step "building the jars and test classes (mvn package, tests not run)"
# dependency:list writes, per module, every dependency with its scope and file; the libraries
# whose every use is in test scope are the ones conv4j.jar lacks and the tests need.
maven() {
    (cd "$root" && mvn -B -Dstyle.color=never "$@") > "$work/maven.log" 2>&1 \
        || { cat "$work/maven.log" >&2; echo "gpu/bundle.sh: mvn $* failed" >&2; exit 1; }
}
maven -DskipTests -pl apps -am package dependency:list \
    -DincludeScope=test -DexcludeGroupIds=org.conv4j -DoutputAbsoluteArtifactFilename=true \
    -DoutputFile="$work/dependencies.txt" -DappendOutput=true
junit_platform="$(sed -n 's:.*<junit.platform.version>\(.*\)</junit.platform.version>.*:\1:p' "$root/pom.xml")"
maven -N dependency:copy -Dartifact="org.junit.platform:junit-platform-console-standalone:$junit_platform" \
    -Dmdep.stripVersion=true -DoutputDirectory="$work/junit"

rm -rf "$bundle"
mkdir -p "$bundle/lib" "$bundle/tests"
cp "$root/apps/target/conv4j.jar" "$bundle/lib/"
# oneDNN's natives (27 MiB packed) do not fit beside the runtime: the bundle's CPU backend convolves
# with im2col + OpenBLAS, as conv4j does wherever oneDNN does not load, and its oneDNN tests skip.
zip -q -d "$bundle/lib/conv4j.jar" "org/bytedeco/dnnl/linux-*" > /dev/null
# Lines look like "   org.ejml:ejml-core:jar:0.44.0:test:/path/ejml-core-0.44.0.jar -- module ...";
# JUnit's own jars are left out: the console launcher carries them.
awk '{ n = split($1, f, ":"); if (n >= 6) print f[n - 1], f[n], f[1] }' "$work/dependencies.txt" \
    | sort -u | awk '{ scopes[$2] = scopes[$2] " " $1; group[$2] = $3 }
        END { for (p in scopes) if (scopes[p] !~ /compile|runtime|provided/ && group[p] !~ /^(org\.junit|org\.opentest4j|org\.apiguardian)/) print p }' \
    | sort | while read -r jar; do cp "$jar" "$bundle/lib/"; done
cp "$work/junit/junit-platform-console-standalone.jar" "$bundle/tests/"
for module in engine kernels layers zoo apps bench; do
    if [ -d "$root/$module/target/test-classes" ]; then
        "$jdk/bin/jar" --create --file "$bundle/tests/$module-tests.jar" -C "$root/$module/target/test-classes" .
    fi
done

step "linking a Java runtime with $jdk (Java $jdk_version)"
"$jdk/bin/jdeps" --print-module-deps --ignore-missing-deps --multi-release "$jdk_major" \
    "$bundle"/lib/*.jar "$bundle"/tests/*.jar > "$work/jdeps.txt" 2>&1 \
    || { cat "$work/jdeps.txt" >&2; echo "gpu/bundle.sh: jdeps failed" >&2; exit 1; }
modules="$(tail -1 "$work/jdeps.txt")"
# jdeps sees only static references: JUnit logs through java.util.logging, and reads the test
# jars through the zip file system, which it finds as a service.
modules="$modules,java.logging,jdk.zipfs"
# Linked uncompressed, then packed with xz: 19.6 MiB, where jlink's own zip-9 leaves a 56 MiB
# folder (32 MiB once packed with xz), more than the bundle can hold beside the jars.
compress=0
[ "$jdk_major" -ge 21 ] && compress=zip-0
"$jdk/bin/jlink" --add-modules "$modules" --strip-debug --no-header-files --no-man-pages --compress="$compress" \
    --exclude-files='**/libsplashscreen.so,**/libjsound.so,**/libawt_xawt.so,**/libjawt.so' \
    --output "$work/runtime"
if command -v strip > /dev/null; then
    find "$work/runtime" -name '*.so' -exec strip --strip-unneeded {} +
fi
"$work/runtime/bin/java" -version > /dev/null 2>&1 || { echo "gpu/bundle.sh: the linked runtime does not start" >&2; exit 1; }
runtime_mib="$(du -sm "$work/runtime" | cut -f1)"
tar -C "$work" -cf - runtime | xz -T0 -6 > "$bundle/runtime.tar.xz"

# Java 24 and newer warn about JNI and sun.misc.Unsafe, which JavaCPP uses, unless allowed.
{
    echo "-Djava.awt.headless=true"
    if [ "$jdk_major" -ge 24 ]; then
        echo "--enable-native-access=ALL-UNNAMED"
        echo "--sun-misc-unsafe-memory-access=allow"
    fi
} > "$bundle/jvm.options"
install -m 755 "$root/gpu/check.sh" "$bundle/check.sh"
install -m 644 "$root/bench/gpu_compare.py" "$bundle/gpu_compare.py"

size() { du -sb "$@" | awk '{ s += $1 } END { printf "%.1f MiB", s / 1048576 }'; }
total_bytes="$(du -sb "$bundle" | cut -f1)"
{
    echo "conv4j GPU-check bundle"
    echo "built:     $(date -u +%Y-%m-%dT%H:%M:%SZ) from $(git -C "$root" rev-parse --short HEAD 2>/dev/null || echo 'an unknown commit')$(git -C "$root" diff --quiet 2>/dev/null || echo ' (with uncommitted changes)')"
    echo "runtime:   Java $jdk_version from $jdk, modules $modules; $runtime_mib MiB unpacked, $(size "$bundle/runtime.tar.xz") packed"
    echo "lib:       $(size "$bundle/lib"): $(cd "$bundle/lib" && ls | tr '\n' ' ')"
    echo "tests:     $(size "$bundle/tests"): $(cd "$bundle/tests" && ls | tr '\n' ' ')"
    echo "left out:  OpenBLAS's LAPACK bindings and JavaCPP's bindings of the CUDA libraries conv4j does not call (as in conv4j.jar); oneDNN's natives"
    echo "total:     $(size "$bundle") (limit $limit_mib MiB)"
} > "$bundle/BUNDLE.txt"
cat "$bundle/BUNDLE.txt"
if [ "$total_bytes" -gt $((limit_mib * 1024 * 1024)) ]; then
    echo "gpu/bundle.sh: the bundle is $(size "$bundle"), over its limit of $limit_mib MiB" >&2
    exit 1
fi
