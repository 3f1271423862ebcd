#!/usr/bin/python3
"""Checks `snetc export --format pytorch` against `snetc run` on the same random weights and inputs.

    /usr/bin/python3 tools/check_pytorch_export.py [--keep DIR] [--only NAME]

For every zoo model and two architectures of the search spaces: exports the module, builds it with
random weights (batch-norm statistics randomised too, so they matter), writes its state_dict as
safetensors, runs `./snetc run --weights` on the same inputs, and compares the outputs (relative to
the largest logit; tolerance 1e-4). The weight keys must match both ways: snetc warns about a
tensor it does not use and refuses a missing one. Needs Debian's python3-torch.
"""
import argparse
import importlib.util
import os
import subprocess
import sys
import tempfile

import numpy as np
import torch

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
sys.path.insert(0, HERE)
from safetensors_io import write_safetensors  # noqa: E402

V2_SPACE = ["width=1.0", "depth2=4", "depth3=6", "depth4=2"] + [
    f"stage{s}.{i}.kernel={5 if (s + i) % 2 else 3}" for s, n in ((2, 4), (3, 6), (4, 2)) for i in range(n)]
SPOS_KINDS = ["shuffle3", "shuffle5", "shuffle7", "xception"]
SPOS_SPACE = [f"features.{i}.kind={SPOS_KINDS[(i * 3) % 4]}" for i in range(20)]

MODELS = [
    ("v2 1.0x", "examples/models/shufflenet_v2.snet", []),
    ("v2 0.5x", "examples/models/shufflenet_v2.snet", ["width=0.5"]),
    ("v1 g3", "examples/models/shufflenet_v1.snet", ["groups=3"]),
    ("v1 g8 0.5x", "examples/models/shufflenet_v1.snet", ["groups=8", "scale=0.5"]),
    ("cifar g2", "examples/models/cifar_shufflenet.snet", ["groups=2"]),
    ("cifar g3", "examples/models/cifar_shufflenet.snet", ["groups=3"]),
    ("resnet18", "examples/models/resnet18.snet", []),
    ("v2+ small", "examples/models/shufflenet_v2_plus.snet", ["size=Small"]),
    ("spos searched", "examples/models/spos_searched.snet", []),
    ("v2 space", "examples/models/search/shufflenet_v2_space.snet", V2_SPACE),
    ("spos space", "examples/models/search/spos_space.snet", SPOS_SPACE),
]


def snetc(*args):
    return subprocess.run([os.path.join(ROOT, "snetc"), *args], capture_output=True, text=True)


def load_module(path, name):
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def randomise(model, seed):
    torch.manual_seed(seed)
    for m in model.modules():
        if isinstance(m, (torch.nn.BatchNorm1d, torch.nn.BatchNorm2d)):
            with torch.no_grad():
                m.weight.uniform_(0.5, 1.5)
                m.bias.uniform_(-0.2, 0.2)
                m.running_mean.uniform_(-0.2, 0.2)
                m.running_var.uniform_(0.5, 1.5)


def check(name, path, params, work, seed):
    flags = [f for p in params for f in ("-P", p)]
    py = os.path.join(work, "model.py")
    r = snetc("export", "--format", "pytorch", path, *flags, "-o", py)
    if r.returncode != 0:
        return f"export failed: {r.stderr.strip()}"
    module = load_module(py, "exported_" + str(seed))
    classes = [v for v in vars(module).values() if isinstance(v, type) and issubclass(v, torch.nn.Module) and v.__module__ == module.__name__]
    model = classes[0]()
    randomise(model, seed)
    model.eval()
    state = {k: v.detach().numpy().astype(np.float32) for k, v in model.state_dict().items() if not k.endswith("num_batches_tracked")}
    weights = os.path.join(work, "w.safetensors")
    write_safetensors(weights, state)
    x = torch.randn(2, *model.input_shape, generator=torch.Generator().manual_seed(seed))
    np.save(os.path.join(work, "x.npy"), x.numpy())
    with torch.no_grad():
        expected = model(x).numpy()
    y = os.path.join(work, "y.npy")
    r = snetc("run", path, *flags, "--weights", weights, "--input", os.path.join(work, "x.npy"), "--output", y, "--top", "1")
    if r.returncode != 0:
        return f"snetc run failed: {r.stderr.strip()}"
    if "warning" in r.stderr:
        return f"snetc run warned: {r.stderr.strip()}"
    actual = np.load(y).reshape(expected.shape)
    scale = max(1e-12, float(np.abs(expected).max()))
    error = float(np.abs(actual - expected).max()) / scale
    status = "ok" if error <= 1e-4 else "MISMATCH"
    return f"{status:8s} max |snet - torch| / max |torch| = {error:.2e}  ({len(state)} tensors, output {list(expected.shape)})"


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--keep", help="keep each model's files in DIR/<name>")
    parser.add_argument("--only", help="check only the models whose name contains this")
    args = parser.parse_args()
    failed = 0
    for seed, (name, path, params) in enumerate(MODELS):
        if args.only and args.only not in name:
            continue
        with tempfile.TemporaryDirectory() as tmp:
            work = os.path.join(args.keep, name.replace(" ", "_")) if args.keep else tmp
            os.makedirs(work, exist_ok=True)
            result = check(name, os.path.join(ROOT, path), params, work, seed + 1)
        print(f"{name:14s} {result}", flush=True)
        failed += not result.startswith("ok")
    print(f"{failed} failed")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
