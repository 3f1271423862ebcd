#!/usr/bin/python3
"""The PyTorch side of the proxy throughput comparison: how long PyTorch takes to score a fresh model.

    /usr/bin/python3 bench/proxy_peer.py FILE.py... [--threads 2] [--repeat 5] [--json]

Each FILE is a module written by `snetc export --format pytorch`: one nn.Module class with an
`input_shape` attribute, built with no arguments (a `Model` class is taken when there are several).
Per candidate and per proxy, one untimed warm-up, then --repeat timed runs, of which the median is
reported. A timed run is what a search does for each candidate:

  NASWOT (BayesWatch's hooklogdet), batch 64: build the model (PyTorch's default initialisation),
    train(), one forward under no_grad of a fixed standard-normal batch (the data, drawn once per file)
    with every F.relu / F.relu6 input's code c = (x > 0) adding c c^T + (1 - c)(1 - c)^T to a float64
    K (two float32 matmuls per ReLU, as the reference's hook does), then slogdet(K).
  Zen (ZenNAS's compute_zen_score), batch 16: build the model, ZenNAS's gaussian init (conv and linear
    weights N(0, 1), biases 0, batch norm weight 1 and bias 0), train(), draw input and noise with
    torch.randn (ZenNAS draws them inside the call), under no_grad the features entering the last
    global average pooling for input and for input + 0.01 * noise (the forward stops there), then
    log(mean_b sum |out - mix|) + sum over BatchNorm2d of log(sqrt(mean(running_var))).

The features entering the global pooling are caught by wrapping Tensor.mean / torch.mean over
dims (2, 3) and F.avg_pool2d / F.adaptive_avg_pool2d while they run: the input of the last such call
whose output is 1x1 from a plane larger than 1x1 (an SE block's pooling comes earlier and is passed
over). Which call that is, is found once per file by an untimed probe, so timed runs stop right there.
`--naswot-impl gram` swaps the two matmuls for one (K = N - s_i - s_j + 2 c c^T), to show how much
of the reference's time is K. Uses only Debian's python3-torch and python3-numpy.

OPENBLAS_NUM_THREADS defaults to 1 (set before torch loads): Debian's torch does its matmuls in
OpenBLAS, whose own threads fight libgomp's spinning workers for the cores; on 2 cores with
--threads 2 that doubled NASWOT's time (cifar_g2: ~690 ms against ~290 ms). Convolutions go
through oneDNN and libgomp, so --threads still governs the forward passes.
"""
import argparse
import importlib.util
import json
import os
import statistics
import sys
import time

os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")  # before numpy and torch load OpenBLAS

import numpy as np  # noqa: E402
import torch  # noqa: E402
import torch.nn as nn  # noqa: E402
import torch.nn.functional as F  # noqa: E402


def load_model_class(path):
    name = "snet_export_" + os.path.splitext(os.path.basename(path))[0].replace("-", "_")
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    classes = [c for c in vars(module).values()
               if isinstance(c, type) and issubclass(c, nn.Module) and c.__module__ == name and hasattr(c, "input_shape")]
    if len(classes) != 1:
        named = [c for c in classes if c.__name__ == "Model"]
        if len(named) != 1:
            sys.exit(f"{path}: expected one nn.Module class with input_shape, found {[c.__name__ for c in classes]}")
        classes = named
    return classes[0]


# ---------------------------------------------------------------- NASWOT

class ReluCodes:
    """Within `with`, every F.relu / F.relu6 call (nn.ReLU's too) adds its input's code to K, before it runs."""

    def __init__(self, batch, impl):
        self.K = np.zeros((batch, batch))
        self.impl = impl
        self.layers = 0

    def record(self, x):
        c = (x > 0).float().reshape(x.shape[0], -1)
        if self.impl == "reference":
            self.K = self.K + (c @ c.t()).numpy() + ((1.0 - c) @ (1.0 - c).t()).numpy()
        else:
            s = c.sum(1, dtype=torch.float64).numpy()
            self.K += c.shape[1] - s[:, None] - s[None, :] + 2.0 * (c @ c.t()).numpy()
        self.layers += 1

    def __enter__(self):
        self.saved = (F.relu, F.relu6)
        relu, relu6 = self.saved

        def relu_w(input, inplace=False):
            self.record(input)
            return relu(input, inplace=inplace)

        def relu6_w(input, inplace=False):
            self.record(input)
            return relu6(input, inplace=inplace)

        F.relu, F.relu6 = relu_w, relu6_w
        return self

    def __exit__(self, *exc):
        F.relu, F.relu6 = self.saved
        return False


def naswot(cls, x, impl):
    model = cls()
    model.train()
    with torch.no_grad(), ReluCodes(x.shape[0], impl) as codes:
        model(x)
    if codes.layers == 0:
        sys.exit(f"{cls.__name__}: NASWOT needs at least one F.relu or F.relu6")
    return float(np.linalg.slogdet(codes.K)[1])


# ---------------------------------------------------------------- Zen

class _Features(Exception):
    pass


class GlobalPools:
    """Within `with`, counts the global average poolings; with stop_at=k, raises _Features carrying the
    k-th one's input (counting from 1) instead of pooling."""

    def __init__(self, stop_at=None):
        self.stop_at = stop_at
        self.count = 0

    def seen(self, x, pooled_hw):
        if x.dim() == 4 and x.shape[2] * x.shape[3] > 1 and pooled_hw == (1, 1):
            self.count += 1
            if self.count == self.stop_at:
                raise _Features(x)

    def __enter__(self):
        self.saved = (torch.Tensor.mean, torch.mean, F.avg_pool2d, F.adaptive_avg_pool2d)
        t_mean, mean, avg, adaptive = self.saved

        def over_plane(x, args, kwargs):
            dim = args[0] if args else kwargs.get("dim")
            if x.dim() != 4 or dim is None or isinstance(dim, (int, torch.dtype)):
                return False
            return sorted(d % 4 for d in dim) == [2, 3]

        def t_mean_w(self_, *args, **kwargs):
            if over_plane(self_, args, kwargs):
                pools.seen(self_, (1, 1))
            return t_mean(self_, *args, **kwargs)

        def mean_w(x, *args, **kwargs):
            if over_plane(x, args, kwargs):
                pools.seen(x, (1, 1))
            return mean(x, *args, **kwargs)

        def avg_w(x, *args, **kwargs):
            y = avg(x, *args, **kwargs)
            pools.seen(x, tuple(y.shape[-2:]))
            return y

        def adaptive_w(x, output_size):
            y = adaptive(x, output_size)
            pools.seen(x, tuple(y.shape[-2:]))
            return y

        pools = self
        torch.Tensor.mean, torch.mean, F.avg_pool2d, F.adaptive_avg_pool2d = t_mean_w, mean_w, avg_w, adaptive_w
        return self

    def __exit__(self, *exc):
        torch.Tensor.mean, torch.mean, F.avg_pool2d, F.adaptive_avg_pool2d = self.saved
        return False


def global_pool_ordinal(cls):
    """Which global pooling (1-based) is the last one: found once per file, untimed."""
    model = cls().eval()
    with torch.no_grad(), GlobalPools() as pools:
        model(torch.zeros(1, *cls.input_shape))
    if pools.count == 0:
        sys.exit(f"{cls.__name__}: Zen-score needs a final global average pooling; found none")
    return pools.count


def pre_gap(model, x, ordinal):
    try:
        with GlobalPools(stop_at=ordinal):
            model(x)
    except _Features as f:
        return f.args[0]
    raise RuntimeError("the forward did not reach the global pooling it reached in the probe")


def gaussian_init(model):
    """ZenNAS's network_weight_gaussian_init."""
    with torch.no_grad():
        for m in model.modules():
            if isinstance(m, nn.Conv2d):
                nn.init.normal_(m.weight)
                if m.bias is not None:
                    nn.init.zeros_(m.bias)
            elif isinstance(m, (nn.BatchNorm2d, nn.GroupNorm)):
                nn.init.ones_(m.weight)
                nn.init.zeros_(m.bias)
            elif isinstance(m, nn.Linear):
                nn.init.normal_(m.weight)
                if m.bias is not None:
                    nn.init.zeros_(m.bias)
    return model


def zen(cls, batch, gamma, ordinal):
    model = gaussian_init(cls())
    model.train()
    with torch.no_grad():
        x = torch.randn(batch, *cls.input_shape)
        e = torch.randn(batch, *cls.input_shape)
        output = pre_gap(model, x, ordinal)
        mixup = pre_gap(model, x + gamma * e, ordinal)
        nas = torch.mean(torch.sum(torch.abs(output - mixup), dim=[1, 2, 3]))
        log_bn = 0.0
        for m in model.modules():
            if isinstance(m, nn.BatchNorm2d):
                log_bn += torch.log(torch.sqrt(torch.mean(m.running_var)))
        return float(torch.log(nas) + log_bn)


# ---------------------------------------------------------------- timing

def timed(fn, repeat):
    fn()  # warm-up: allocator, thread pool, first-call dispatch
    times, value = [], None
    for _ in range(repeat):
        t = time.perf_counter()
        value = fn()
        times.append((time.perf_counter() - t) * 1e3)
    return statistics.median(times), value


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("files", nargs="+", help="modules written by snetc export --format pytorch")
    parser.add_argument("--threads", type=int, default=2, help="torch.set_num_threads (default 2)")
    parser.add_argument("--repeat", type=int, default=5, help="timed runs per candidate and proxy; the median is reported (default 5)")
    parser.add_argument("--json", action="store_true", help="one JSON line per candidate")
    parser.add_argument("--naswot-batch", type=int, default=64)
    parser.add_argument("--zen-batch", type=int, default=16)
    parser.add_argument("--gamma", type=float, default=0.01)
    parser.add_argument("--naswot-impl", choices=["reference", "gram"], default="reference",
                        help="reference: two matmuls per ReLU as BayesWatch's hook; gram: one")
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    torch.set_num_threads(args.threads)
    torch.manual_seed(args.seed)
    for path in args.files:
        cls = load_model_class(path)
        data = torch.randn(args.naswot_batch, *cls.input_shape)
        ordinal = global_pool_ordinal(cls)
        naswot_ms, naswot_score = timed(lambda: naswot(cls, data, args.naswot_impl), args.repeat)
        zen_ms, zen_score = timed(lambda: zen(cls, args.zen_batch, args.gamma, ordinal), args.repeat)
        if args.json:
            print(json.dumps({"file": path, "naswot_ms": round(naswot_ms, 3), "zen_ms": round(zen_ms, 3),
                              "naswot": naswot_score, "zen": zen_score, "naswot_batch": args.naswot_batch,
                              "zen_batch": args.zen_batch, "threads": args.threads, "repeat": args.repeat,
                              "naswot_impl": args.naswot_impl, "torch": torch.__version__}), flush=True)
        else:
            print(f"{path}: {cls.__name__} {list(cls.input_shape)}  NASWOT b{args.naswot_batch} {naswot_ms:.1f} ms "
                  f"(score {naswot_score:.3f})  Zen b{args.zen_batch} {zen_ms:.1f} ms (score {zen_score:.3f})", flush=True)


if __name__ == "__main__":
    main()
