#!/usr/bin/env bash
# conv4j's GPU check, run from the bundle that gpu/bundle.sh builds:
#
#   bash gpu/bundle/check.sh [--only PHASE,...] [--tests gpu|cpu|all] [--bench-device cuda|cpu]
#
# It needs no Java (the bundle carries its runtime): on a Linux x86-64 machine with an NVIDIA
# driver for CUDA 13, and CUDA 13 + cuDNN 9 libraries (the nvidia-* Python wheels, which PyTorch
# brings, or a CUDA install), it runs the gpu-tagged tests and times conv4j against PyTorch on the
# same GPU. Without a usable GPU it says so, once for each GPU phase, and runs the CPU tests
# through the bundle instead, which shows that the bundle is complete.
#
# The phases, each bounded in time (seconds), the whole check by 8 minutes; a phase that fails or
# runs out of time leaves its log, and the others still run.
#   runtime     20   unpack the bundle's Java runtime
#   libraries   15   find the driver and the CUDA libraries, print them, set LD_LIBRARY_PATH
#   info        45   conv4j info: the backends, the GPU and the libraries' versions
#   tests      140   the gpu-tagged tests (op suite against ReferenceOps, every layer's gradients,
#                    CPU-vs-GPU training, device tensors); the others instead where no GPU is usable,
#                    within 300 s, since they include the zoo's float64 forward checks
#                    (--tests chooses: gpu, cpu, or all)
#   conv4j     145   conv4j bench train on --device cuda: simple-cnn and bn-dropout-cnn (batch 128),
#                    mobilenetv2 at 32x32 (batch 128) and 224x224 (batch 32)
#   torch       95   the same models and batches in PyTorch, float32 with TF32 off as conv4j's default
#   table       15   both in bench.json and bench.md, with the ratios
# --only runs some of info, tests, conv4j, torch, table (runtime and libraries always run).
# --bench-device cpu runs the conv4j and torch phases on the CPU, small batches and a few steps:
# a dry run of the GPU phases on a machine without a GPU, whose figures mean nothing.
#
# Results go to $OUT when it is set, else to results/ beside this script: check.log (what is
# printed here), info.txt, tests.log, tests.xml (JUnit's XML), bench-conv4j.log, bench-torch.log,
# bench.json, bench.md. Exit status: 0 when every phase that ran passed, 1 otherwise.
set -uo pipefail
unset CDPATH

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
out="${OUT:-$here/results}"
only="info,tests,conv4j,torch,table"
tests_mode="auto"
bench_device="cuda"
while [ $# -gt 0 ]; do
    case "$1" in
        --only) only="${2:?--only needs a list of phases}"; shift 2 ;;
        --tests) tests_mode="${2:?--tests needs gpu, cpu or all}"; shift 2 ;;
        --bench-device) bench_device="${2:?--bench-device needs cuda or cpu}"; shift 2 ;;
        -h|--help) sed -n '2,/^set -uo/p' "${BASH_SOURCE[0]}" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
        *) echo "check.sh: unknown option $1 (see --help)" >&2; exit 2 ;;
    esac
done
case "$tests_mode" in auto|gpu|cpu|all) ;; *) echo "check.sh: --tests takes gpu, cpu or all, not $tests_mode" >&2; exit 2 ;; esac
case "$bench_device" in cuda|cpu) ;; *) echo "check.sh: --bench-device takes cuda or cpu, not $bench_device" >&2; exit 2 ;; esac
for p in ${only//,/ }; do
    case "$p" in info|tests|conv4j|torch|table) ;; *) echo "check.sh: no phase '$p' (phases: info, tests, conv4j, torch, table)" >&2; exit 2 ;; esac
done

mkdir -p "$out"
out="$(cd "$out" && pwd)"
rm -f "$out"/{check.log,info.txt,tests.log,tests.xml,bench-conv4j.log,bench-torch.log,bench.json,bench.md}
log="$out/check.log"
work="$(mktemp -d "${TMPDIR:-/tmp}/conv4j-check.XXXXXX")"
trap 'rm -rf "$work"' EXIT
started=$(date +%s)
total_seconds=480
deadline=$(( started + total_seconds - 10 ))  # 10 s are left for the table's last lines and the summary

say() { printf '%s\n' "$*" | tee -a "$log"; }
wanted() { [[ ",$only," == *",$1,"* ]]; }

# ------------------------------------------------------------------ phase bookkeeping
summary=()
failures=0
phase_start=0
begin() { phase_start=$(date +%s); say ""; say "== $1"; }
# finish NAME STATUS DETAIL: STATUS is passed, failed, timed-out or skipped.
finish() {
    local seconds=$(( $(date +%s) - phase_start ))
    [ "$2" = skipped ] && seconds=0
    summary+=("$(printf '  %-10s %-10s %4ss  %s' "$1" "$2" "$seconds" "$3")")
    case "$2" in failed|timed-out) failures=$((failures + 1)) ;; esac
    say "-- $1: $2${3:+: $3}"
}
skip() { say ""; say "== $1"; phase_start=$(date +%s); finish "$1" skipped "$2"; }

# bounded SECONDS LOGFILE COMMAND...: runs COMMAND with its output in LOGFILE, for SECONDS at
# most and never past the check's deadline. At the limit it gets SIGQUIT (a JVM then prints every
# thread's stack into the log), and SIGKILL 5 s later. Returns the command's status, 124 when it
# ran out of time; the limit it ran under is left in $limit_used.
limit_used=0
bounded() {
    local limit="$1" file="$2"
    shift 2
    local left=$(( deadline - $(date +%s) ))
    [ "$left" -lt "$limit" ] && limit="$left"
    limit_used="$limit"
    if [ "$limit" -le 0 ]; then
        printf '[check.sh: not started: the check has used its %s s]\n' "$total_seconds" >> "$file"
        return 124
    fi
    # In a subshell that does more than run timeout, whose stderr is discarded, so that bash's
    # own "Killed" notice is not printed.
    ( timeout --signal=QUIT --kill-after=5 "$limit" "$@" >> "$file" 2>&1; exit $? ) 2> /dev/null
    local rc=$?
    [ $rc -eq 137 ] && rc=124
    [ $rc -eq 124 ] && printf '\n[check.sh: stopped after the limit of %s s]\n' "$limit" >> "$file"
    local crash
    for crash in "$work"/hs_err_*.log; do
        [ -f "$crash" ] || continue
        printf '\n[check.sh: the JVM crashed; its report, %s:]\n' "$(basename "$crash")" >> "$file"
        cat "$crash" >> "$file"
        rm -f "$crash"
    done
    return $rc
}

say "conv4j GPU check, $(date -u +%Y-%m-%dT%H:%M:%SZ), on $(uname -n) ($(uname -m), $(nproc) cores)"
say "bundle: $(sed -n 's/^built: *//p' "$here/BUNDLE.txt" 2>/dev/null)"
say "results: $out"

# The Python interpreters here: the runtime's unpacking falls back on them, the library search
# asks them for their site-packages, the torch phase looks among them for PyTorch.
pythons=()
for py in python3 /opt/torch/.venv/bin/python3 /usr/bin/python3 /usr/local/bin/python3; do
    if p="$(command -v "$py" 2>/dev/null)" && [[ " ${pythons[*]} " != *" $p "* ]]; then
        pythons+=("$p")
    fi
done

# ------------------------------------------------------------------ runtime
begin runtime
java=""
if tar --version > /dev/null 2>&1 && command -v xz > /dev/null; then
    timeout 20 tar -C "$work" -xJf "$here/runtime.tar.xz" >> "$log" 2>&1
else
    for py in "${pythons[@]}"; do
        timeout 20 "$py" -c 'import sys, tarfile
keep = {"filter": "tar"} if hasattr(tarfile, "tar_filter") else {}  # permissions and links as they are
tarfile.open(sys.argv[1]).extractall(sys.argv[2], **keep)' "$here/runtime.tar.xz" "$work" >> "$log" 2>&1 && break
    done
fi
if [ -x "$work/runtime/bin/java" ] && java_version="$("$work/runtime/bin/java" -version 2>&1 | head -1)"; then
    java="$work/runtime/bin/java"
    finish runtime passed "$java_version"
else
    finish runtime failed "could not unpack $here/runtime.tar.xz (needs tar with xz, or python3)"
fi
mkdir -p "$work/tmp" "$work/javacpp"
# A JVM that crashes (in native CUDA code, say) writes its report where bounded() finds it.
jvm=("$java" @"$here/jvm.options" -Xmx"${CONV4J_CHECK_HEAP:-8g}" -XX:ErrorFile="$work/hs_err_%p.log" -Djava.io.tmpdir="$work/tmp"
     -Dorg.bytedeco.javacpp.cachedir="$work/javacpp")
conv4j=("${jvm[@]}" -jar "$here/lib/conv4j.jar")

# ------------------------------------------------------------------ libraries
begin libraries
# Where NVIDIA's libraries live: what LD_LIBRARY_PATH already names, the driver's folders, the
# Python environments' nvidia-* wheels (CUDA 13 puts its libraries in nvidia/cu13/lib, cuDNN in
# nvidia/cudnn/lib), then a CUDA install and the system's folders.
candidates=()
IFS=: read -ra listed <<< "${LD_LIBRARY_PATH:-}"
candidates+=("${listed[@]}" /usr/local/nvidia/lib64 /usr/local/nvidia/lib)
for py in "${pythons[@]}"; do
    while read -r site; do
        for d in "$site"/nvidia/*/lib "$site"/nvidia/*/lib64; do
            [ -d "$d" ] && candidates+=("$d")
        done
    done < <(timeout 10 "$py" -c 'import site; print("\n".join(site.getsitepackages() + [site.getusersitepackages()]))' 2>/dev/null)
done
candidates+=(/usr/local/cuda/lib64 /usr/local/cuda/targets/x86_64-linux/lib /usr/lib/x86_64-linux-gnu /usr/lib64 /lib/x86_64-linux-gnu)

# What conv4j's GPU backend loads: the driver, the CUDA 13 runtime, cuBLAS, NVRTC (and its
# builtins), cuDNN 9 and the parts it opens at run time.
needed=(libcuda.so.1 libcudart.so.13 libcublas.so.13 libcublasLt.so.13 libnvrtc.so.13 'libnvrtc-builtins.so.13*'
        libcudnn.so.9 libcudnn_graph.so.9 libcudnn_ops.so.9 libcudnn_cnn.so.9 libcudnn_adv.so.9
        libcudnn_engines_precompiled.so.9 libcudnn_engines_runtime_compiled.so.9 libcudnn_heuristic.so.9)
library_path=()
missing=()
for lib in "${needed[@]}"; do
    found=""
    for d in "${candidates[@]}"; do
        [ -n "$d" ] || continue
        for f in "$d"/$lib; do
            if [ -e "$f" ]; then
                found="$f"
                break 2
            fi
        done
    done
    # Else where the dynamic linker's cache has it.
    if [ -z "$found" ] && [[ "$lib" != *'*'* ]]; then
        found="$( (ldconfig -p 2>/dev/null || /sbin/ldconfig -p 2>/dev/null) | awk -v lib="$lib" '$1 == lib { print $NF; exit }')"
    fi
    if [ -n "$found" ]; then
        say "  found   $(printf '%-42s' "$lib") $found -> $(basename "$(readlink -f "$found")")"
        dir="$(dirname "$found")"
        [[ " ${library_path[*]} " == *" $dir "* ]] || library_path+=("$dir")
    else
        say "  missing $lib"
        missing+=("$lib")
    fi
done
if [ ${#library_path[@]} -gt 0 ]; then
    export LD_LIBRARY_PATH="$(IFS=:; echo "${library_path[*]}")${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}"
    say "  LD_LIBRARY_PATH=$LD_LIBRARY_PATH"
fi
# JavaCPP's CUDA bindings need glibc 2.34 or newer.
say "  glibc: $(getconf GNU_LIBC_VERSION 2>/dev/null || echo unknown) (the CUDA bindings need 2.34 or newer)"
smi="$(command -v nvidia-smi || ls /usr/local/nvidia/bin/nvidia-smi 2>/dev/null || true)"
gpu_line=""
smi_rc=1
if [ -n "$smi" ]; then
    gpu_line="$(timeout 15 "$smi" --query-gpu=name,driver_version,memory.total,compute_cap --format=csv,noheader 2>&1)"
    smi_rc=$?
    gpu_line="$(head -1 <<< "$gpu_line")"
    say "  nvidia-smi: $gpu_line"
else
    say "  nvidia-smi: not found"
fi
if [ ${#missing[@]} -eq 0 ]; then
    finish libraries passed "all ${#needed[@]} found${gpu_line:+; $gpu_line}"
else
    # Not a failure of the check: a machine without a GPU is expected to lack them.
    parts=""
    for lib in "${missing[@]}"; do
        case "$lib" in
            libcuda.*) part="the driver" ;; libcudart*) part="CUDA runtime" ;; libcublas*) part="cuBLAS" ;;
            libnvrtc*) part="NVRTC" ;; libcudnn*) part="cuDNN" ;; *) part="$lib" ;;
        esac
        [[ "$parts" == *"$part"* ]] || parts="${parts:+$parts, }$part"
    done
    finish libraries passed "$(( ${#needed[@]} - ${#missing[@]} )) of ${#needed[@]} found; missing: $parts"
fi

# ------------------------------------------------------------------ info
# The GPU is usable when conv4j info says so; where info itself fails, the GPU phases still run,
# so that their own errors are seen.
gpu_problem=""
if [ -z "$java" ]; then
    skip info "no Java runtime"
elif wanted info; then
    begin info
    bounded 45 "$out/info.txt" "${conv4j[@]}" info
    rc=$?
    sed 's/^/  /' "$out/info.txt" | tee -a "$log"
    gpu_problem="$(sed -n 's/^GPU backend: not available: //p' "$out/info.txt")"
    device="$(sed -n 's/^ *device: *//p' "$out/info.txt" | head -1)"
    smi_sees_gpu=false
    [ -n "$gpu_line" ] && [ "$smi_rc" -eq 0 ] && smi_sees_gpu=true
    if [ $rc -eq 0 ] && [ -n "$gpu_problem" ] && $smi_sees_gpu; then
        rc=1
        say "  nvidia-smi sees a GPU ($gpu_line) that conv4j cannot use"
    fi
    case $rc in
        0) finish info passed "${device:-no usable GPU}" ;;
        124) finish info timed-out "no answer within $limit_used s (see info.txt)" ;;
        *) finish info failed "exit status $rc (see info.txt)" ;;
    esac
fi
gpu_usable() { [ -n "$java" ] && [ -z "$gpu_problem" ]; }
# The GPU phases run where the GPU is usable, or on the CPU when asked to (--bench-device cpu).
bench_ready() { [ -n "$java" ] && { [ "$bench_device" = cpu ] || gpu_usable; }; }
# Why a GPU phase is skipped, in one line: the first clause of conv4j's reason ("libcuda.so.1
# (the NVIDIA driver) was not found"); info.txt has all of it.
no_gpu_reason() { [ -z "$java" ] && echo "no Java runtime" || echo "no usable GPU: ${gpu_problem%%, so *}"; }

# ------------------------------------------------------------------ tests
if [ -z "$java" ]; then
    skip tests "no Java runtime"
elif wanted tests; then
    mode="$tests_mode"
    [ "$mode" = auto ] && { gpu_usable && mode=gpu || mode=cpu; }
    case "$mode" in
        gpu) filter=(--include-tag gpu); what="gpu-tagged tests" ;;
        cpu) filter=(--exclude-tag gpu); what="CPU tests (no usable GPU)" ;;
        all) filter=(); what="all tests" ;;
    esac
    [ "$tests_mode" = cpu ] && what="CPU tests"
    tests_limit=140
    [ "$mode" = gpu ] || tests_limit=300
    begin "tests"
    say "  $what"
    test_jars=("$here"/tests/*-tests.jar)
    classpath="$(IFS=:; echo "$here/lib/conv4j.jar:${here}/lib/"'*'":${test_jars[*]}:$here/tests/junit-platform-console-standalone.jar")"
    # Tests that read the shared data sets find them through CONV4J_DATA; made absolute, since
    # the tests run in a folder of their own.
    [ -n "${CONV4J_DATA:-}" ] && export CONV4J_DATA="$(cd "$CONV4J_DATA" 2>/dev/null && pwd || echo "$CONV4J_DATA")"
    cd "$work"
    bounded "$tests_limit" "$out/tests.log" "${jvm[@]}" -cp "$classpath" org.junit.platform.console.ConsoleLauncher execute \
        --disable-banner --disable-ansi-colors --details=testfeed --fail-if-no-tests \
        --reports-dir="$work/junit" --scan-class-path="$(IFS=:; echo "${test_jars[*]}")" "${filter[@]}"
    rc=$?
    cd - > /dev/null
    [ -f "$work/junit/TEST-junit-jupiter.xml" ] && cp "$work/junit/TEST-junit-jupiter.xml" "$out/tests.xml"
    count() { grep -m1 -E "^\[ *[0-9]+ tests $1" "$out/tests.log" | grep -oE '[0-9]+' | head -1 || echo '?'; }
    aborted="$(count aborted)"
    counts="$(count successful) passed, $(count failed) failed, $(count skipped) skipped, $aborted aborted"
    grep -E '^(JUnit Jupiter|\s).*(FAILED|ABORTED)' "$out/tests.log" | head -20 | sed 's/^/  /' | tee -a "$log"
    # A gpu-tagged test aborts (skips itself) where no GPU is usable: on a GPU run that is a failure.
    if [ $rc -eq 0 ] && [ "$mode" = gpu ] && [ "$aborted" != 0 ]; then
        say "  $(grep -m1 -oE 'no usable GPU: .*' "$out/tests.log" || echo 'gpu-tagged tests aborted')"
        rc=1
    fi
    case $rc in
        0) finish tests passed "$what: $counts" ;;
        124) finish tests timed-out "$what: stopped after $limit_used s (see tests.log: the thread dump at its end shows where)" ;;
        *) finish tests failed "$what: ${counts} (see tests.log and tests.xml)" ;;
    esac
fi

# ------------------------------------------------------------------ conv4j bench
# name size batch limit: the four workloads of the comparison.
workloads=("simple-cnn 32 128 25" "bn-dropout-cnn 32 128 25" "mobilenetv2 32 128 35" "mobilenetv2 224 32 60")
steps=(--warmup 10 --steps 30 --repeats 5)
if [ "$bench_device" = cpu ]; then
    # The dry run: the same models, small batches, a few steps, so that it takes seconds on 2 cores.
    workloads=("simple-cnn 32 32 25" "bn-dropout-cnn 32 32 25" "mobilenetv2 32 32 35" "mobilenetv2 224 4 45")
    steps=(--warmup 1 --steps 2 --repeats 1)
fi
mkdir -p "$work/bench"
if ! wanted conv4j; then
    :
elif ! bench_ready; then
    skip conv4j "$(no_gpu_reason)"
else
    begin conv4j
    passed=0
    for w in "${workloads[@]}"; do
        read -r model size batch limit <<< "$w"
        echo "# conv4j bench train $model --size $size --batch-size $batch --device $bench_device ${steps[*]}" >> "$out/bench-conv4j.log"
        bounded "$limit" "$out/bench-conv4j.log" "${conv4j[@]}" bench train "$model" --size "$size" --batch-size "$batch" --device "$bench_device" \
            "${steps[@]}" --json "$work/bench/conv4j-$model-$size.json"
        rc=$?
        case $rc in
            0) passed=$((passed + 1))
               figures="$(grep -A2 "^$model at ${size}x$size" "$out/bench-conv4j.log" | sed -n 's/^ *\(training\|inference\): *\([0-9.]*\) images.*/\1 \2 images\/s/p' | paste -sd, | sed 's/,/, /')"
               say "  $model ${size}x$size, batch $batch: $figures" ;;
            124) say "  $model ${size}x$size, batch $batch: stopped after $limit_used s" ;;
            *) say "  $model ${size}x$size, batch $batch: failed, exit status $rc: $(grep -v '^#' "$out/bench-conv4j.log" | tail -1)" ;;
        esac
    done
    if [ $passed -eq ${#workloads[@]} ]; then
        finish conv4j passed "${#workloads[@]} workloads timed"
    else
        finish conv4j failed "$passed of ${#workloads[@]} workloads timed (see bench-conv4j.log)"
    fi
fi

# ------------------------------------------------------------------ torch bench
if ! wanted torch; then
    :
elif ! bench_ready; then
    skip torch "$(no_gpu_reason)"
else
    begin torch
    torch_python=""
    for py in "${pythons[@]}"; do
        echo "# $py: import torch, torchvision" >> "$out/bench-torch.log"
        if bounded 20 "$out/bench-torch.log" "$py" -c 'import torch, torchvision'; then
            torch_python="$py"
            break
        fi
    done
    if [ -z "$torch_python" ]; then
        # Where the GPU is timed, the comparison is what this phase is for; a dry run can do without.
        [ "$bench_device" = cuda ] && status=failed || status=skipped
        finish torch "$status" "no python3 with torch and torchvision here (tried: ${pythons[*]:-none}; see bench-torch.log)"
    else
        spec="$(for w in "${workloads[@]}"; do read -r m s b _ <<< "$w"; printf '%s:%s:%s,' "$m" "$s" "$b"; done)"
        PYTHONUNBUFFERED=1 bounded 75 "$out/bench-torch.log" "$torch_python" "$here/gpu_compare.py" torch \
            --workloads "${spec%,}" --device "$bench_device" "${steps[@]}" --json "$work/bench/torch.json"
        rc=$?
        grep -E '^  \S+ .*images/s' "$out/bench-torch.log" | tee -a "$log"
        case $rc in
            0) finish torch passed "$(sed -n 's/^PyTorch: //p' "$out/bench-torch.log" | head -1)" ;;
            124) finish torch timed-out "stopped after $limit_used s (see bench-torch.log)" ;;
            *) finish torch failed "exit status $rc: $(tail -1 "$out/bench-torch.log")" ;;
        esac
    fi
fi

# ------------------------------------------------------------------ table
if ! wanted table; then
    :
elif ! ls "$work"/bench/*.json > /dev/null 2>&1; then
    skip table "no figures to compare (the conv4j and torch phases did not run)"
elif [ ${#pythons[@]} -eq 0 ]; then
    skip table "no python3 here to write it"
else
    begin table
    bounded 15 "$log" "${pythons[0]}" "$here/gpu_compare.py" table --bench-dir "$work/bench" \
        --info "$out/info.txt" --nvidia-smi "$gpu_line" --json "$out/bench.json" --markdown "$out/bench.md"
    rc=$?
    rm -f "$out"/*.tmp
    if [ $rc -eq 0 ] && [ -f "$out/bench.md" ]; then
        sed 's/^/  /' "$out/bench.md" | tee -a "$log"
        finish table passed "bench.json, bench.md"
    else
        finish table failed "exit status $rc"
    fi
fi

# ------------------------------------------------------------------ summary
say ""
say "== summary ($(( $(date +%s) - started )) s; results in $out)"
for line in "${summary[@]}"; do
    say "$line"
done
if [ $failures -eq 0 ]; then
    say "GPU check: passed"
    exit 0
fi
say "GPU check: $failures phase(s) failed or timed out"
exit 1
