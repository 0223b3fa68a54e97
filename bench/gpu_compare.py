#!/usr/bin/env python3
"""conv4j against PyTorch on one GPU, for gpu/check.sh.

  gpu_compare.py torch --workloads simple-cnn:32:128,... --json torch.json
      times PyTorch on the GPU for the models of `conv4j bench train` (the same ones as
      ../shared/anchors/torch_anchor.py on the CPU): the course's simple CNN, the BatchNormalization +
      Dropout CNN, and MobileNetV2 (alpha 1.0 base, global average pooling, a 10-way head), all
      trainable, Adam 1e-3, random data. As conv4j times them: --warmup untimed steps, then
      --repeats repeats of --steps steps, each repeat ended by a device synchronisation; the median
      images per second. float32 with TF32 off (conv4j's default), cuDNN's autotuner on (conv4j
      also picks each convolution's algorithm by timing), NCHW as conv4j.

  gpu_compare.py table --bench-dir DIR --info info.txt --json bench.json --markdown bench.md
      joins conv4j's figures (the conv4j-*.json files of `conv4j bench train --json`) and
      PyTorch's (torch.json) in DIR into one JSON and one Markdown table with the ratios.
"""
import argparse
import faulthandler
import glob
import json
import os
import platform
import signal
import statistics
import sys
import time


# ----------------------------------------------------------------------------- PyTorch's side

def build_model(name, size):
    import torch.nn as nn
    import torch.nn.functional as F
    import torchvision

    if name == "simple-cnn":
        class SimpleCNN(nn.Module):
            """Conv(32, same)-ReLU-MaxPool-Conv(64, same)-ReLU-MaxPool-Flatten-Dense(512, relu)-Dense(10)."""

            def __init__(self):
                super().__init__()
                self.conv1 = nn.Conv2d(3, 32, 3, padding=1)
                self.conv2 = nn.Conv2d(32, 64, 3, padding=1)
                self.fc1 = nn.Linear(64 * (size // 4) ** 2, 512)
                self.fc2 = nn.Linear(512, 10)

            def forward(self, x):
                x = F.max_pool2d(F.relu(self.conv1(x)), 2)
                x = F.max_pool2d(F.relu(self.conv2(x)), 2)
                return self.fc2(F.relu(self.fc1(x.flatten(1))))
        return SimpleCNN()
    if name == "bn-dropout-cnn":
        def conv_bn_relu(cin, cout):
            return [nn.Conv2d(cin, cout, 3, padding=1), nn.BatchNorm2d(cout), nn.ReLU(inplace=True)]
        return nn.Sequential(
            *conv_bn_relu(3, 32), *conv_bn_relu(32, 32), nn.MaxPool2d(2), nn.Dropout(0.25),
            *conv_bn_relu(32, 64), *conv_bn_relu(64, 64), nn.MaxPool2d(2), nn.Dropout(0.25),
            *conv_bn_relu(64, 128), nn.AdaptiveAvgPool2d(1), nn.Flatten(), nn.Dropout(0.5),
            nn.Linear(128, 10))
    if name == "mobilenetv2":
        return nn.Sequential(torchvision.models.mobilenet_v2(weights=None).features,
                             nn.AdaptiveAvgPool2d(1), nn.Flatten(), nn.Linear(1280, 10))
    raise SystemExit(f"gpu_compare.py: no model {name!r} (simple-cnn, bn-dropout-cnn, mobilenetv2)")


def images_per_second(synchronize, step, batch, warmup, steps, repeats):
    """Median over repeats of images per second, each repeat ended by a device synchronisation."""
    for _ in range(warmup):
        step()
    synchronize()
    rates = []
    for _ in range(repeats):
        start = time.perf_counter()
        for _ in range(steps):
            step()
        synchronize()
        rates.append(steps * batch / (time.perf_counter() - start))
    return statistics.median(rates), rates


def run_torch(args):
    import torch
    import torch.nn.functional as F
    import torchvision

    info = dict(torch=torch.__version__, torchvision=torchvision.__version__, python=platform.python_version(),
                device=args.device)
    if args.device == "cuda":
        if not torch.cuda.is_available():
            raise SystemExit("gpu_compare.py: PyTorch sees no GPU (torch.cuda.is_available() is False)")
        if hasattr(torch.backends.cuda.matmul, "fp32_precision"):  # PyTorch 2.9 and newer
            torch.backends.cuda.matmul.fp32_precision = "ieee"
            torch.backends.cudnn.conv.fp32_precision = "ieee"
        else:
            torch.backends.cuda.matmul.allow_tf32 = False
            torch.backends.cudnn.allow_tf32 = False
        torch.backends.cudnn.benchmark = True
        props = torch.cuda.get_device_properties(0)
        info.update(cuda=torch.version.cuda, cudnn=torch.backends.cudnn.version(), gpu=props.name,
                    compute_capability=f"{props.major}.{props.minor}", tf32=False, cudnn_benchmark=True)
        synchronize = torch.cuda.synchronize
        print(f"PyTorch: {info['torch']} (CUDA {info['cuda']}, cuDNN {info['cudnn']}) on {info['gpu']}, "
              f"float32, TF32 off, cuDNN autotuner on", flush=True)
    else:
        def synchronize():
            """The CPU computes synchronously."""
        info.update(threads=torch.get_num_threads())
        print(f"PyTorch: {info['torch']} on the CPU, threads: {info['threads']}", flush=True)
    device = torch.device(args.device)
    results = []
    for spec in args.workloads.split(","):
        name, size, batch = spec.split(":")
        size, batch = int(size), int(batch)
        torch.manual_seed(1)
        model = build_model(name, size).to(device)
        x = torch.randn(batch, 3, size, size, device=device)
        y = torch.randint(0, 10, (batch,), device=device)
        optimizer = torch.optim.Adam(model.parameters(), lr=1e-3)

        def train_step():
            optimizer.zero_grad(set_to_none=True)
            F.cross_entropy(model(x), y).backward()
            optimizer.step()

        def infer_step():
            with torch.inference_mode():
                model(x)

        model.train()
        train, train_rates = images_per_second(synchronize, train_step, batch, args.warmup, args.steps, args.repeats)
        model.eval()
        infer, infer_rates = images_per_second(synchronize, infer_step, batch, args.warmup, args.steps, args.repeats)
        print(f"  {name} {size}x{size}, batch {batch}: training {train:.1f} images/s, inference {infer:.1f} images/s",
              flush=True)
        results.append(dict(model=name, input_size=size, batch_size=batch, train_images_per_second=train,
                            infer_images_per_second=infer, train_rates=train_rates, infer_rates=infer_rates))
        del model, optimizer, x, y
        if args.device == "cuda":
            torch.cuda.empty_cache()
    write_json(args.json, dict(info=info, steps=args.steps, repeats=args.repeats, warmup=args.warmup,
                               results=results))


# ----------------------------------------------------------------------------- the table

def write_json(path, value):
    tmp = path + ".tmp"
    with open(tmp, "w") as f:
        json.dump(value, f, indent=1)
    os.replace(tmp, path)


def info_lines(path):
    """conv4j info's lines about the GPU (device, driver, runtime, math), without their labels' padding."""
    lines = {}
    if path and os.path.exists(path):
        with open(path) as f:
            for line in f:
                key, sep, value = line.strip().partition(":")
                if sep and key in ("device", "memory", "driver", "runtime", "math", "Java"):
                    lines[key] = value.strip()
    return lines


def ratio(a, b):
    return a / b if a and b else None


def make_table(args):
    conv4j = {}
    for path in sorted(glob.glob(os.path.join(args.bench_dir, "conv4j-*.json"))):
        with open(path) as f:
            r = json.load(f)
        conv4j[(r["model"], r["input_size"], r["batch_size"])] = r
    torch_run = {}
    torch_path = os.path.join(args.bench_dir, "torch.json")
    if os.path.exists(torch_path):
        with open(torch_path) as f:
            torch_run = json.load(f)
    torch_results = {(r["model"], r["input_size"], r["batch_size"]): r for r in torch_run.get("results", [])}
    rows = []
    for key in sorted(set(conv4j) | set(torch_results), key=lambda k: (k[0] != "simple-cnn", k[0], k[1])):
        c, t = conv4j.get(key, {}), torch_results.get(key, {})
        row = dict(model=key[0], input_size=key[1], batch_size=key[2],
                   conv4j_train=c.get("train_images_per_second"), torch_train=t.get("train_images_per_second"),
                   conv4j_infer=c.get("infer_images_per_second"), torch_infer=t.get("infer_images_per_second"))
        row["train_ratio"] = ratio(row["conv4j_train"], row["torch_train"])
        row["infer_ratio"] = ratio(row["conv4j_infer"], row["torch_infer"])
        rows.append(row)
    info = info_lines(args.info)
    write_json(args.json, dict(conv4j_info=info, nvidia_smi=args.nvidia_smi, torch_info=torch_run.get("info"), rows=rows,
                               conv4j_runs=list(conv4j.values()), torch_run=torch_run))

    def num(v, digits=0):
        return "–" if v is None else f"{v:,.{digits}f}"

    t_info = torch_run.get("info") or {}
    if not t_info:
        torch_line = "not measured"
    elif t_info.get("device") == "cuda":
        torch_line = (f"{t_info['torch']} (CUDA {t_info['cuda']}, cuDNN {t_info['cudnn']}) on {t_info['gpu']}, "
                      "float32, TF32 off, cuDNN autotuner on")
    else:
        torch_line = f"{t_info['torch']} on the CPU, threads: {t_info.get('threads')}"
    devices = sorted({r.get("device", "?") for r in conv4j.values()})
    out = [f"GPU: {info.get('device', 'none')}" + (f"; driver: {info['driver']}" if "driver" in info else "")
           + (f"; nvidia-smi: {args.nvidia_smi}" if args.nvidia_smi else ""),
           f"conv4j: device {', '.join(devices) or 'not measured'}"
           + (f"; {info['runtime']}; {info.get('math', '')}" if "runtime" in info else ""),
           f"PyTorch: {torch_line}",
           "",
           "| model | input | batch | conv4j train img/s | PyTorch train img/s | conv4j / PyTorch | "
           "conv4j inference img/s | PyTorch inference img/s | conv4j / PyTorch |",
           "|---|---|---|---|---|---|---|---|---|"]
    for r in rows:
        out.append(f"| {r['model']} | {r['input_size']}×{r['input_size']} | {r['batch_size']} | "
                   f"{num(r['conv4j_train'])} | {num(r['torch_train'])} | {num(r['train_ratio'], 2)} | "
                   f"{num(r['conv4j_infer'])} | {num(r['torch_infer'])} | {num(r['infer_ratio'], 2)} |")
    with open(args.markdown + ".tmp", "w") as f:
        f.write("\n".join(out) + "\n")
    os.replace(args.markdown + ".tmp", args.markdown)


def main():
    # check.sh stops a phase that runs out of time with SIGQUIT: print where each thread was.
    faulthandler.register(signal.SIGQUIT, all_threads=True)
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    commands = parser.add_subparsers(dest="command", required=True)
    t = commands.add_parser("torch", help="time PyTorch on the GPU")
    t.add_argument("--workloads", default="simple-cnn:32:128,bn-dropout-cnn:32:128,mobilenetv2:32:128,mobilenetv2:224:32",
                   help="model:size:batch, comma-separated")
    t.add_argument("--device", default="cuda", choices=["cuda", "cpu"])
    t.add_argument("--warmup", type=int, default=10)
    t.add_argument("--steps", type=int, default=30)
    t.add_argument("--repeats", type=int, default=5)
    t.add_argument("--json", required=True)
    m = commands.add_parser("table", help="join conv4j's and PyTorch's figures")
    m.add_argument("--bench-dir", required=True)
    m.add_argument("--info", help="conv4j info's output")
    m.add_argument("--nvidia-smi", help="nvidia-smi's line on the GPU (name, driver, memory, compute capability)")
    m.add_argument("--json", required=True)
    m.add_argument("--markdown", required=True)
    args = parser.parse_args()
    (run_torch if args.command == "torch" else make_table)(args)


if __name__ == "__main__":
    sys.exit(main())
