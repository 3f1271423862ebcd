#!/usr/bin/python3
"""Reference fixtures for snet: PyTorch models, deterministic weights and inputs, expected logits.

Uses only Debian's python3-torch, python3-torchvision and python3-numpy (run with /usr/bin/python3).

Weights and inputs are not random draws to be stored: they follow a recipe that the Java tests
reproduce bit for bit (dev.snet.runtime.weights.Recipe), so a fixture is only its expected logits.
Every value is a multiple of 1/1024 below 2 in magnitude, hence exact in float16 and float32.

    /usr/bin/python3 tools/snet_fixtures.py                  # rewrite examples/fixtures/*
    /usr/bin/python3 tools/snet_fixtures.py --write-inputs   # also write input.npy and weights.safetensors
"""
import argparse
import json
import os
import sys

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F
import torchvision

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from safetensors_io import write_safetensors  # noqa: E402
import megvii_models  # noqa: E402

MASK = (1 << 64) - 1


# ---------------------------------------------------------------- the recipe (mirrored in Java)

def fnv1a64(text):
    h = 0xCBF29CE484222325
    for b in text.encode("utf-8"):
        h ^= b
        h = (h * 0x100000001B3) & MASK
    return h


def uniform(key, n):
    """n floats in [0, 1): splitmix64 of (fnv1a64(key) + i * golden), top 53 bits."""
    with np.errstate(over="ignore"):
        i = np.arange(n, dtype=np.uint64)
        z = np.uint64(fnv1a64(key)) + i * np.uint64(0x9E3779B97F4A7C15)
        z = (z ^ (z >> np.uint64(30))) * np.uint64(0xBF58476D1CE4E5B9)
        z = (z ^ (z >> np.uint64(27))) * np.uint64(0x94D049BB133111EB)
        z = z ^ (z >> np.uint64(31))
    return (z >> np.uint64(11)).astype(np.float64) * (1.0 / (1 << 53))


def quantized(key, n, low, high):
    """Uniform in [low, high], rounded to a multiple of 1/1024."""
    v = low + (high - low) * uniform(key, n)
    return (np.round(v * 1024.0) / 1024.0).astype(np.float32)


def recipe_tensor(key, shape):
    """The value of a parameter or buffer, from its state_dict key alone."""
    n = int(np.prod(shape)) if len(shape) else 1
    leaf = key.rsplit(".", 1)[-1]
    if leaf == "running_mean":
        v = quantized(key, n, -0.25, 0.25)
    elif leaf == "running_var":
        v = quantized(key, n, 0.5, 1.5)
    elif leaf == "weight" and len(shape) == 1:  # batch norm scale
        v = quantized(key, n, 0.5, 1.5)
    elif leaf == "bias":
        v = quantized(key, n, -0.125, 0.125)
    else:  # conv / linear weight: PyTorch-like fan-in bound, scaled up a little to keep signals alive
        fan_in = int(np.prod(shape[1:]))
        bound = min(1.9, 2.0 / np.sqrt(fan_in))
        v = quantized(key, n, -bound, bound)
    return v.reshape(shape)


def recipe_input(key, shape):
    return quantized(key, int(np.prod(shape)), -1.5, 1.5).reshape(shape)


# ---------------------------------------------------------------- the seed model (kuangliu pytorch-cifar)

class ShuffleBlock(nn.Module):
    def __init__(self, groups):
        super().__init__()
        self.groups = groups

    def forward(self, x):
        n, c, h, w = x.size()
        g = self.groups
        return x.view(n, g, c // g, h, w).permute(0, 2, 1, 3, 4).reshape(n, c, h, w)


class Bottleneck(nn.Module):
    def __init__(self, in_planes, out_planes, stride, groups):
        super().__init__()
        self.stride = stride
        mid_planes = out_planes // 4  # the seed has out_planes/4, a float in Python 3
        g = 1 if in_planes == 24 else groups
        self.conv1 = nn.Conv2d(in_planes, mid_planes, kernel_size=1, groups=g, bias=False)
        self.bn1 = nn.BatchNorm2d(mid_planes)
        self.shuffle1 = ShuffleBlock(groups=g)
        self.conv2 = nn.Conv2d(mid_planes, mid_planes, kernel_size=3, stride=stride, padding=1, groups=mid_planes, bias=False)
        self.bn2 = nn.BatchNorm2d(mid_planes)
        self.conv3 = nn.Conv2d(mid_planes, out_planes, kernel_size=1, groups=groups, bias=False)
        self.bn3 = nn.BatchNorm2d(out_planes)
        self.shortcut = nn.Sequential()
        if stride == 2:
            self.shortcut = nn.Sequential(nn.AvgPool2d(3, stride=2, padding=1))

    def forward(self, x):
        out = F.relu(self.bn1(self.conv1(x)))
        out = self.shuffle1(out)
        out = F.relu(self.bn2(self.conv2(out)))
        out = self.bn3(self.conv3(out))
        res = self.shortcut(x)
        return F.relu(torch.cat([out, res], 1)) if self.stride == 2 else F.relu(out + res)


class ShuffleNet(nn.Module):
    def __init__(self, cfg):
        super().__init__()
        out_planes, num_blocks, groups = cfg["out_planes"], cfg["num_blocks"], cfg["groups"]
        self.conv1 = nn.Conv2d(3, 24, kernel_size=1, bias=False)
        self.bn1 = nn.BatchNorm2d(24)
        self.in_planes = 24
        self.layer1 = self._make_layer(out_planes[0], num_blocks[0], groups)
        self.layer2 = self._make_layer(out_planes[1], num_blocks[1], groups)
        self.layer3 = self._make_layer(out_planes[2], num_blocks[2], groups)
        self.linear = nn.Linear(out_planes[2], 10)

    def _make_layer(self, out_planes, num_blocks, groups):
        layers = []
        for i in range(num_blocks):
            stride = 2 if i == 0 else 1
            cat_planes = self.in_planes if i == 0 else 0
            layers.append(Bottleneck(self.in_planes, out_planes - cat_planes, stride=stride, groups=groups))
            self.in_planes = out_planes
        return nn.Sequential(*layers)

    def forward(self, x):
        out = F.relu(self.bn1(self.conv1(x)))
        out = self.layer3(self.layer2(self.layer1(out)))
        out = F.avg_pool2d(out, 4)
        return self.linear(out.view(out.size(0), -1))


def shufflenet_g2():
    return ShuffleNet({"out_planes": [200, 400, 800], "num_blocks": [4, 8, 4], "groups": 2})


def shufflenet_g3():
    return ShuffleNet({"out_planes": [240, 480, 960], "num_blocks": [4, 8, 4], "groups": 3})


# ---------------------------------------------------------------- fixtures

FIXTURES = {
    # name: (model file, snet parameters, builder, input [C, H, W])
    "cifar_g2": ("cifar_shufflenet.snet", {"groups": "2"}, shufflenet_g2, [3, 32, 32]),
    "cifar_g3": ("cifar_shufflenet.snet", {"groups": "3"}, shufflenet_g3, [3, 32, 32]),
    "v2_x0_5": ("shufflenet_v2.snet", {"width": "0.5"}, torchvision.models.shufflenet_v2_x0_5, [3, 224, 224]),
    "v2_x1_0": ("shufflenet_v2.snet", {"width": "1.0"}, torchvision.models.shufflenet_v2_x1_0, [3, 224, 224]),
    "v2plus_small": ("shufflenet_v2_plus.snet", {"size": "Small"}, lambda: megvii_models.ShuffleNetV2Plus("Small"), [3, 224, 224]),
    "spos_searched": ("spos_searched.snet", {}, megvii_models.SPOSSearched, [3, 224, 224]),
}
BATCH = 2


def build(builder):
    torch.manual_seed(0)
    model = builder()
    state = {k: torch.from_numpy(recipe_tensor(k, list(v.shape))) if v.is_floating_point() else v
             for k, v in model.state_dict().items()}
    model.load_state_dict(state)
    return model.eval(), state


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--out", default=os.path.join(os.path.dirname(__file__), "..", "examples", "fixtures"))
    parser.add_argument("--write-inputs", action="store_true", help="also write input.npy and weights.safetensors")
    parser.add_argument("--only", nargs="*", help="fixture names to make")
    args = parser.parse_args()
    torch.set_num_threads(1)
    for name, (model_file, params, builder, chw) in FIXTURES.items():
        if args.only and name not in args.only:
            continue
        model, state = build(builder)
        x = recipe_input("input", [BATCH] + chw)
        with torch.no_grad():
            y = model(torch.from_numpy(x)).numpy().astype(np.float32)
        out = os.path.join(args.out, name)
        os.makedirs(out, exist_ok=True)
        np.save(os.path.join(out, "expected.npy"), y)
        with open(os.path.join(out, "fixture.json"), "w") as f:
            json.dump({"model": model_file, "parameters": params, "batch": BATCH, "input": chw,
                       "input_key": "input", "generator": "tools/snet_fixtures.py",
                       "torch": torch.__version__, "torchvision": torchvision.__version__}, f, indent=2)
            f.write("\n")
        if args.write_inputs:
            np.save(os.path.join(out, "input.npy"), x)
            write_safetensors(os.path.join(out, "weights.safetensors"), {k: v.numpy() for k, v in state.items()})
        print(f"{name}: logits {y.shape}, max |logit| {np.abs(y).max():.3f}")


if __name__ == "__main__":
    main()
