#!/usr/bin/env python3
"""One sitting of the CPU speed comparison: conv4j against PyTorch on this machine, and the README's table.

    python3 bench/sitting.py                 # conv4j (round 1), PyTorch, conv4j (round 2); rewrites the README table
    python3 bench/sitting.py --only simple_cnn_train_b128,mobilenetv2_infer_160_b32 --no-readme
    python3 bench/sitting.py --from runs/sitting-2026-12-02-1625-UTC    # the table again, measuring nothing

conv4j runs `./conv4j bench all` twice, once before and once after PyTorch (machines here drift
within minutes, so a ratio is trusted only when both rounds agree); PyTorch runs
../shared/anchors/torch_anchor.py as its header says (Debian's python3-torch, OpenBLAS, 2 threads).
The table goes into README.md between the lines `<!-- sitting:begin -->` and `<!-- sitting:end -->`,
with the machine's CPU (lscpu), so the figures there are always those of one sitting, never typed.
Every file the sitting wrote stays in --out (default runs/sitting-<UTC time>/).
"""
import argparse
import datetime
import json
import os
import re
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
ANCHOR = os.path.join(os.path.dirname(ROOT), "shared", "anchors", "torch_anchor.py")
# torch_anchor.py's groups that hold each conv4j workload's key, by the key's first word.
ANCHOR_GROUPS = {"simple": "simple", "bn": "bn", "mobilenetv2": "mobilenet", "vgg16": "vgg",
                 "resnet50": "zoo", "vgg19": "zoo", "efficientnetb0": "zoo", "mobilenetv3large": "zoo"}
BEGIN, END = "<!-- sitting:begin -->", "<!-- sitting:end -->"


def run(cmd, log, env=None):
    print("$ " + " ".join(cmd), flush=True)
    with open(log, "w") as f:
        p = subprocess.run(cmd, stdout=f, stderr=subprocess.STDOUT, env=env, cwd=ROOT)
    if p.returncode != 0:
        sys.exit(f"sitting.py: {cmd[0]} failed (exit {p.returncode}); see {log}")


def conv4j_round(out, name, only):
    path = os.path.join(out, name + ".json")
    cmd = [os.path.join(ROOT, "conv4j"), "bench", "all", "--device", "cpu", "--repeats", "3", "--json", path]
    if only:
        cmd += ["--only", ",".join(only)]
    run(cmd, os.path.join(out, name + ".log"))
    with open(path) as f:
        return {r["key"]: r for r in json.load(f)["results"]}


def torch_round(out, keys):
    groups = sorted({ANCHOR_GROUPS[k.split("_")[0]] for k in keys})
    path = os.path.join(out, "torch.json")
    env = dict(os.environ, OMP_NUM_THREADS="2", LD_LIBRARY_PATH="/usr/lib/x86_64-linux-gnu/openblas-openmp")
    run(["/usr/bin/python3", ANCHOR, "--only", ",".join(groups), "--json", path], os.path.join(out, "torch.log"), env)
    with open(path) as f:
        return {r["key"]: r for r in json.load(f)["results"]}


def cpu_line():
    info = subprocess.run(["lscpu"], capture_output=True, text=True).stdout
    field = lambda name: (re.search(rf"^{name}:\s*(.*)$", info, re.M) or [None, "?"])[1].strip()
    flags = field("Flags").split()
    isa = "AVX-512" if "avx512f" in flags else "AVX2" if "avx2" in flags else "no AVX2"
    return f"{field('Model name')}, family {field('CPU family')} model {field('Model')}, {isa}, {os.cpu_count()} cores"


def table(first, second, torch_results, when, head=None):
    """The sitting's paragraph (the machine, the versions; `head` when given) and its table."""
    rows = ["| workload | PyTorch img/s | conv4j img/s (2 rounds) | conv4j / PyTorch | conv4j peak RSS MiB |",
            "|---|---|---|---|---|"]
    convolutions = set()
    for key, a in first.items():
        b = second.get(key, {})
        rates = [r["images_per_second"] for r in (a, b) if "images_per_second" in r]
        t = torch_results.get(key)
        ratio = f"{sum(rates) / len(rates) / t['median']:.2f}" if rates and t else "-"
        rss = max([r.get("peak_rss_mib", 0) for r in (a, b)]) or None
        if "convolutions" in a:
            convolutions.add(a["convolutions"])
        rows.append(f"| {key} | {rate(t['median'])} | " if t else f"| {key} | - | ")
        rows[-1] += " / ".join(rate(r) for r in rates) if rates else "failed"
        rows[-1] += f" | {ratio} | {rss:,.0f} |" if rss else f" | {ratio} | - |"
    head = head or (f"Measured {when} by `python3 bench/sitting.py` on {cpu_line()}: PyTorch "
            f"{torch_version()} (`torch_anchor.py`, 2 threads), conv4j `bench all` (2 threads, convolutions: "
            f"{', '.join(sorted(convolutions)) or '?'}), one conv4j round before PyTorch's and one after; "
            "the ratio is the mean of the two rounds over PyTorch's median.")
    return head + "\n\n" + "\n".join(rows)


def rate(images_per_second):
    """Three significant figures at least: 1,157 and 3.45 alike."""
    return f"{images_per_second:,.0f}" if images_per_second >= 100 else f"{images_per_second:.3g}"


def torch_version():
    p = subprocess.run(["/usr/bin/python3", "-c", "import torch; print(torch.__version__)"], capture_output=True, text=True)
    return p.stdout.strip() or "?"


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--only", default="", help="comma list of workload keys (default: every one of bench all)")
    ap.add_argument("--out", help="folder for the logs and JSON files")
    ap.add_argument("--no-readme", action="store_true", help="print the table, leave README.md alone")
    ap.add_argument("--from", dest="earlier", help="measure nothing: the table of an earlier sitting's --out folder")
    args = ap.parse_args()
    only = [k for k in args.only.split(",") if k]
    if args.earlier:
        out = args.earlier
        load = lambda name: {r["key"]: r for r in json.load(open(os.path.join(out, name + ".json")))["results"]}
        first, torch_results, second = load("conv4j-1"), load("torch"), load("conv4j-2")
        with open(os.path.join(out, "table.md")) as f:
            head = f.read().split("\n\n")[0]
        when = None
    else:
        head = None
        when = datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
        out = args.out or os.path.join(ROOT, "runs", "sitting-" + when.replace(" ", "-").replace(":", ""))
        os.makedirs(out, exist_ok=True)
        first = conv4j_round(out, "conv4j-1", only)
        torch_results = torch_round(out, list(first))
        second = conv4j_round(out, "conv4j-2", only)
    text = table(first, second, torch_results, when, head)
    with open(os.path.join(out, "table.md"), "w") as f:
        f.write(text + "\n")
    print(text)
    if not args.no_readme:
        readme = os.path.join(ROOT, "README.md")
        with open(readme) as f:
            doc = f.read()
        if BEGIN not in doc or END not in doc:
            sys.exit(f"sitting.py: README.md has no {BEGIN} ... {END} section to rewrite")
        start, end = doc.index(BEGIN) + len(BEGIN), doc.index(END)
        with open(readme + ".tmp", "w") as f:
            f.write(doc[:start] + "\n" + text + "\n" + doc[end:])
        os.replace(readme + ".tmp", readme)
        print(f"README.md: table rewritten (files in {out})")


if __name__ == "__main__":
    main()
