#!/usr/bin/python3
"""Trains a module exported by `snetc export --format pytorch` for a few steps and saves its state_dict.

    /usr/bin/python3 tools/train_exported.py model.py model.pth [--steps 20] [--batch 16] [--lr 0.01]

A stand-in for real training, to show the round trip: it fits random labels on random inputs of the
model's input shape with SGD. Replace the data with your own loader; the saved state_dict goes back
to snet through tools/pth_to_safetensors.py. Needs Debian's python3-torch.
"""
import argparse
import importlib.util
import sys

import torch


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("module")
    parser.add_argument("output")
    parser.add_argument("--steps", type=int, default=20)
    parser.add_argument("--batch", type=int, default=16)
    parser.add_argument("--lr", type=float, default=0.01)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    spec = importlib.util.spec_from_file_location("exported", args.module)
    module = importlib.util.module_from_spec(spec)
    try:
        spec.loader.exec_module(module)
    except (OSError, SyntaxError) as e:
        sys.exit(f"error: cannot load {args.module}: {e}")
    classes = [v for v in vars(module).values() if isinstance(v, type) and issubclass(v, torch.nn.Module) and v.__module__ == "exported"]
    if not classes:
        sys.exit(f"error: {args.module} defines no nn.Module (export one with snetc export --format pytorch)")
    torch.manual_seed(args.seed)
    model = classes[0]()
    x = torch.randn(args.batch, *model.input_shape)
    classes_out = model.eval()(x[:1]).shape[1]
    y = torch.randint(0, classes_out, (args.batch,))
    optimiser = torch.optim.SGD(model.parameters(), lr=args.lr, momentum=0.9)
    model.train()
    for step in range(args.steps):
        loss = torch.nn.functional.cross_entropy(model(x), y)
        optimiser.zero_grad()
        loss.backward()
        optimiser.step()
        if step == 0 or step + 1 == args.steps:
            print(f"step {step + 1:3d}/{args.steps}: loss {loss.item():.4f}")
    torch.save(model.state_dict(), args.output)
    print(f"saved {args.output}")


if __name__ == "__main__":
    main()
