#!/usr/bin/python3
"""The peers of bench/compare.sh: PyTorch models with the fixtures' recipe weights.

    /usr/bin/python3 tools/snet_peers.py export MODEL BATCH OUT_DIR   # OUT_DIR/MODEL_bBATCH.onnx, MODEL.safetensors
    /usr/bin/python3 tools/snet_peers.py time MODEL BATCH THREADS WARMUP_S ITERATIONS

MODEL is v2_x1_0 (torchvision shufflenet_v2_x1_0), v1_g3 (ShuffleNet v1 1x, 3 groups, Megvii's
layout), cifar_g2 (kuangliu ShuffleNetG2), v2plus_small (Megvii's ShuffleNetV2+ Small) or spos (the
architecture SPOS found). `time` prints one JSON line per engine: PyTorch
eager and TorchScript (traced, frozen), each with the median and p90 of ITERATIONS runs.
Uses only Debian's python3-torch and python3-numpy.
"""
import json
import os
import sys
import time

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F
import torchvision

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import megvii_models  # noqa: E402
import snet_fixtures as fx  # noqa: E402
from safetensors_io import write_safetensors  # noqa: E402


class ShuffleV1Block(nn.Module):
    """Megvii's ShuffleV1Block with the paper's channel shuffle (as examples/models/shufflenet_v1.snet)."""

    def __init__(self, inp, oup, group, first_group, mid, stride):
        super().__init__()
        self.stride, self.group = stride, group
        outputs = oup - inp if stride == 2 else oup
        self.branch_main_1 = nn.Sequential(
            nn.Conv2d(inp, mid, 1, 1, 0, groups=1 if first_group else group, bias=False), nn.BatchNorm2d(mid), nn.ReLU(inplace=True),
            nn.Conv2d(mid, mid, 3, stride, 1, groups=mid, bias=False), nn.BatchNorm2d(mid))
        self.branch_main_2 = nn.Sequential(nn.Conv2d(mid, outputs, 1, 1, 0, groups=group, bias=False), nn.BatchNorm2d(outputs))
        if stride == 2:
            self.branch_proj = nn.AvgPool2d(3, 2, 1)

    def forward(self, x):
        y = self.branch_main_1(x)
        n, c, h, w = y.shape
        y = y.view(n, self.group, c // self.group, h, w).transpose(1, 2).reshape(n, c, h, w)
        y = self.branch_main_2(y)
        if self.stride == 1:
            return F.relu(x + y)
        return torch.cat((self.branch_proj(x), F.relu(y)), 1)


class ShuffleNetV1(nn.Module):
    def __init__(self, group=3, classes=1000):
        super().__init__()
        widths = {1: 144, 2: 200, 3: 240, 4: 272, 8: 384}[group]
        stages = [widths, widths * 2, widths * 4]
        self.first_conv = nn.Sequential(nn.Conv2d(3, 24, 3, 2, 1, bias=False), nn.BatchNorm2d(24), nn.ReLU(inplace=True))
        self.maxpool = nn.MaxPool2d(3, 2, 1)
        blocks, inp = [], 24
        for s, repeat in enumerate([4, 8, 4]):
            for i in range(repeat):
                blocks.append(ShuffleV1Block(inp, stages[s], group, s == 0 and i == 0, stages[s] // 4, 2 if i == 0 else 1))
                inp = stages[s]
        self.features = nn.Sequential(*blocks)
        self.classifier = nn.Sequential(nn.Linear(inp, classes, bias=False))

    def forward(self, x):
        x = self.features(self.maxpool(self.first_conv(x)))
        return self.classifier(x.mean([2, 3]))


MODELS = {
    "v2_x1_0": (torchvision.models.shufflenet_v2_x1_0, [3, 224, 224]),
    "v1_g3": (lambda: ShuffleNetV1(3), [3, 224, 224]),
    "cifar_g2": (fx.shufflenet_g2, [3, 32, 32]),
    "v2plus_small": (lambda: megvii_models.ShuffleNetV2Plus("Small"), [3, 224, 224]),
    "spos": (megvii_models.SPOSSearched, [3, 224, 224]),
}


def export(name, batch, out):
    builder, chw = MODELS[name]
    model, state = fx.build(builder)
    os.makedirs(out, exist_ok=True)
    torch.onnx.export(model, torch.from_numpy(fx.recipe_input("input", [batch] + chw)), os.path.join(out, f"{name}_b{batch}.onnx"),
                      opset_version=13, input_names=["input"], output_names=["logits"])
    write_safetensors(os.path.join(out, f"{name}.safetensors"), {k: v.numpy() for k, v in state.items()})


def measure(fn, x, warmup, iterations):
    end = time.perf_counter() + warmup
    while time.perf_counter() < end:
        fn(x)
    times = []
    for _ in range(iterations):
        start = time.perf_counter()
        fn(x)
        times.append((time.perf_counter() - start) * 1e3)
    times.sort()
    return times[len(times) // 2], times[min(len(times) - 1, int(np.ceil(len(times) * 0.9)) - 1)]


def timing(name, batch, threads, warmup, iterations):
    torch.set_num_threads(threads)
    builder, chw = MODELS[name]
    model, _ = fx.build(builder)
    x = torch.from_numpy(fx.recipe_input("input", [batch] + chw))
    with torch.no_grad():
        frozen = torch.jit.freeze(torch.jit.trace(model, x))
        for engine, fn in (("pytorch-eager", model), ("torchscript-frozen", frozen)):
            median, p90 = measure(fn, x, warmup, iterations)
            print(json.dumps({"engine": engine, "model": name, "batch": batch, "threads": threads, "median_ms": median, "p90_ms": p90,
                              "torch": torch.__version__, "blas": torch.__config__.show().count("BLAS_INFO=generic") and "generic" or "other"}))


if __name__ == "__main__":
    if len(sys.argv) == 5 and sys.argv[1] == "export":
        export(sys.argv[2], int(sys.argv[3]), sys.argv[4])
    elif len(sys.argv) == 7 and sys.argv[1] == "time":
        timing(sys.argv[2], int(sys.argv[3]), int(sys.argv[4]), float(sys.argv[5]), int(sys.argv[6]))
    else:
        sys.exit(__doc__)
