#!/usr/bin/python3
"""Reference numbers for snet's two training-free NAS proxies: NASWOT and Zen-score.

Uses only Debian's python3-torch, python3-torchvision and python3-numpy (run with /usr/bin/python3).

The models, weights and inputs are those of tools/snet_fixtures.py: every floating state_dict entry
(running_mean and running_var included) is recipe_tensor(key, shape), the input is
recipe_input("proxy_x", [B, 3, H, W]) and Zen's noise recipe_input("proxy_noise", [B, 3, H, W]), so the
Java tests rebuild them bit for bit and a fixture is only its scores. Float32 throughout, one thread.

NASWOT (Mellor et al. 2021, BayesWatch/nas-without-training, score `hooklogdet`): model.train(), one
forward of x under no_grad; before every ReLU (F.relu, hence nn.ReLU too; F.relu6; F.hardtanh clipping
at 0, hence nn.ReLU6) the binary code c = (input > 0) as [B, -1] adds c c^T + (1 - c)(1 - c)^T, each a
float32 matmul (exact: integers below 2^24), to a float64 B x B matrix K; score = slogdet(K)[1].
K[i][i] is the number of ReLU inputs per sample ("features").

Zen-score (Lin et al. 2021, idstcv/ZenNAS compute_zen_score): model.train(); f = the features entering
the final global pooling; under no_grad, out = f(x) then mix = f(x + 0.01 * e), both passes updating the
batch norms' running statistics (momentum 0.1, unbiased variance); nas = mean over samples of
sum |out - mix| over (C, H, W); score = log(nas) + sum over every BatchNorm2d of log(sqrt(mean(running_var))),
in float32 as ZenNAS computes it.

    /usr/bin/python3 tools/proxy_fixtures.py           # rewrite examples/fixtures/proxies.json
    /usr/bin/python3 tools/proxy_fixtures.py --print   # print the numbers, write nothing
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
from snet_fixtures import build, recipe_input, shufflenet_g2, shufflenet_g3  # noqa: E402

INPUT_KEY = "proxy_x"
NOISE_KEY = "proxy_noise"
GAMMA = 0.01


# ---------------------------------------------------------------- the features entering the final global pooling

def cifar_pre_gap(model, x):
    """kuangliu ShuffleNet.forward up to F.avg_pool2d(out, 4): the output of layer3."""
    out = F.relu(model.bn1(model.conv1(x)))
    return model.layer3(model.layer2(model.layer1(out)))


def v2_pre_gap(model, x):
    """torchvision ShuffleNetV2._forward_impl up to x.mean([2, 3]): the output of conv5."""
    x = model.maxpool(model.conv1(x))
    x = model.stage4(model.stage3(model.stage2(x)))
    return model.conv5(x)


MODELS = {
    # name: (model file, snet parameters, builder, pre-GAP forward, input [C, H, W], NASWOT batch, Zen batch)
    "cifar_g2": ("cifar_shufflenet.snet", {"groups": "2"}, shufflenet_g2, cifar_pre_gap, [3, 32, 32], 32, 16),
    "cifar_g3": ("cifar_shufflenet.snet", {"groups": "3"}, shufflenet_g3, cifar_pre_gap, [3, 32, 32], 32, 16),
    "v2_x0_5": ("shufflenet_v2.snet", {"width": "0.5"}, torchvision.models.shufflenet_v2_x0_5, v2_pre_gap, [3, 224, 224], 16, 8),
}


# ---------------------------------------------------------------- NASWOT

class ReluCodes:
    """Within `with`, every F.relu / F.relu6 / F.hardtanh(min_val=0) call adds its input's code to K.

    Wrapping the functions (not hooking nn.ReLU modules) also catches kuangliu's functional F.relu;
    nn.ReLU.forward calls F.relu and nn.ReLU6.forward calls F.hardtanh, so modules are caught too, once.
    The code is taken before the original runs, so an inplace ReLU does not matter.
    """

    def __init__(self, batch):
        self.K = np.zeros((batch, batch))
        self.layers = 0
        self.features = 0

    def record(self, x):
        c = (x > 0).float().reshape(x.shape[0], -1)
        self.K = self.K + (c @ c.t()).numpy() + ((1.0 - c) @ (1.0 - c).t()).numpy()
        self.layers += 1
        self.features += c.shape[1]

    def __enter__(self):
        self.saved = (F.relu, F.relu6, F.hardtanh)
        relu, relu6, hardtanh = self.saved

        def relu_w(input, inplace=False):
            self.record(input)
            return relu(input, inplace=inplace)

        def relu6_w(input, inplace=False):
            self.record(input)
            return relu6(input, inplace=inplace)

        def hardtanh_w(input, min_val=-1.0, max_val=1.0, inplace=False):
            if min_val == 0.0:
                self.record(input)
            return hardtanh(input, min_val, max_val, inplace)

        F.relu, F.relu6, F.hardtanh = relu_w, relu6_w, hardtanh_w
        return self

    def __exit__(self, *exc):
        F.relu, F.relu6, F.hardtanh = self.saved
        return False


def naswot(builder, x):
    model, _ = build(builder)
    model.train()
    with torch.no_grad(), ReluCodes(x.shape[0]) as codes:
        model(x)
    K = codes.K
    assert np.all(np.diag(K) == codes.features), "K[i][i] is the number of ReLU inputs per sample"
    module_relus = count_relu_modules(builder, x)
    return {"score": float(np.linalg.slogdet(K)[1]), "relu_layers": codes.layers, "features": codes.features,
            "k_sum": float(K.sum()), "relu_modules": module_relus}


def count_relu_modules(builder, x):
    """How many nn.ReLU / nn.ReLU6 module calls the reference's forward hooks would see (0 for functional F.relu)."""
    model, _ = build(builder)
    model.train()
    calls = [0]
    handles = [m.register_forward_hook(lambda *a: calls.__setitem__(0, calls[0] + 1))
               for m in model.modules() if isinstance(m, (nn.ReLU, nn.ReLU6))]
    with torch.no_grad():
        model(x)
    for h in handles:
        h.remove()
    return calls[0]


# ---------------------------------------------------------------- Zen-score

def zen(builder, pre_gap, x, e):
    model, _ = build(builder)
    model.train()
    with torch.no_grad():
        output = pre_gap(model, x)
        mixup = pre_gap(model, x + GAMMA * e)
        nas = torch.mean(torch.sum(torch.abs(output - mixup), dim=[1, 2, 3]))
        log_bn = 0.0
        bn_layers = 0
        for m in model.modules():
            if isinstance(m, nn.BatchNorm2d):
                log_bn += torch.log(torch.sqrt(torch.mean(m.running_var)))
                bn_layers += 1
        score = torch.log(nas) + log_bn
    return {"score": float(score), "nas": float(nas), "log_bn": float(log_bn), "bn_layers": bn_layers,
            "features": list(output.shape[1:])}


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--out", default=os.path.join(os.path.dirname(__file__), "..", "examples", "fixtures", "proxies.json"))
    parser.add_argument("--print", action="store_true", help="print the numbers, write nothing")
    parser.add_argument("--only", nargs="*", help="model names to score")
    args = parser.parse_args()
    torch.set_num_threads(1)
    models = {}
    for name, (model_file, params, builder, pre_gap, chw, naswot_batch, zen_batch) in MODELS.items():
        if args.only and name not in args.only:
            continue
        x = torch.from_numpy(recipe_input(INPUT_KEY, [naswot_batch] + chw))
        nw = naswot(builder, x)
        x = torch.from_numpy(recipe_input(INPUT_KEY, [zen_batch] + chw))
        e = torch.from_numpy(recipe_input(NOISE_KEY, [zen_batch] + chw))
        zs = zen(builder, pre_gap, x, e)
        models[name] = {"model": model_file, "parameters": params, "input": chw,
                        "naswot": {"batch": naswot_batch, **nw}, "zen": {"batch": zen_batch, "gamma": GAMMA, **zs}}
        print(f"{name}: NASWOT {nw['score']:.6f} ({nw['relu_layers']} ReLUs by F.relu, {nw['relu_modules']} nn.ReLU modules, "
              f"{nw['features']} features)  Zen {zs['score']:.6f} (log nas {np.log(zs['nas']):.6f}, "
              f"log BN {zs['log_bn']:.6f} over {zs['bn_layers']} BNs, features {zs['features']})")
    if args.print:
        return
    with open(args.out, "w") as f:
        json.dump({"generator": "tools/proxy_fixtures.py", "torch": torch.__version__, "torchvision": torchvision.__version__,
                   "input_key": INPUT_KEY, "noise_key": NOISE_KEY, "models": models}, f, indent=2)
        f.write("\n")


if __name__ == "__main__":
    main()
