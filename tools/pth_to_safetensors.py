#!/usr/bin/python3
"""Converts a PyTorch checkpoint (a state_dict saved with torch.save) to safetensors for snet.

    /usr/bin/python3 tools/pth_to_safetensors.py model.pth model.safetensors [--half]

Accepts a plain state_dict or a dict holding one under "state_dict" / "model" (as training
scripts often save); strips a "module." prefix left by DataParallel. Needs Debian's python3-torch.
"""
import argparse
import os
import sys

import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from safetensors_io import write_safetensors  # noqa: E402


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("checkpoint")
    parser.add_argument("output")
    parser.add_argument("--half", action="store_true", help="store floating-point tensors as float16")
    args = parser.parse_args()
    try:
        obj = torch.load(args.checkpoint, map_location="cpu", weights_only=True)
    except Exception as e:  # noqa: BLE001 - report any load failure in one line
        sys.exit(f"error: cannot read {args.checkpoint}: {e}")
    for key in ("state_dict", "model"):
        if isinstance(obj, dict) and key in obj and isinstance(obj[key], dict):
            obj = obj[key]
    if not isinstance(obj, dict) or not all(torch.is_tensor(v) for v in obj.values()):
        sys.exit(f"error: {args.checkpoint} does not hold a state_dict (a dict of tensors)")
    tensors = {}
    for name, t in obj.items():
        name = name[len("module."):] if name.startswith("module.") else name
        t = t.detach().contiguous()
        if t.is_floating_point():
            t = t.to(torch.float16 if args.half else torch.float32)
        tensors[name] = t.numpy()
    write_safetensors(args.output, tensors)
    print(f"{args.output}: {len(tensors)} tensors")


if __name__ == "__main__":
    main()
