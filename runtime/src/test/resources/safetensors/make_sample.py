#!/usr/bin/python3
"""Writes sample.safetensors with tools/safetensors_io.py, for SafeTensorsTest: one tensor of each
dtype snet reads (F32, F16, BF16) and an I64 scalar like PyTorch's num_batches_tracked.

    /usr/bin/python3 runtime/src/test/resources/safetensors/make_sample.py
"""
import os
import sys

import numpy as np

here = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(here, "..", "..", "..", "..", "..", "tools"))
from safetensors_io import bfloat16, write_safetensors  # noqa: E402

values = np.array([[0.5, -1.25, 3.0], [1024.0, -0.0078125, 49152.0]], dtype=np.float32)
write_safetensors(os.path.join(here, "sample.safetensors"), {
    "a.f32": values,
    "b.f16": values.astype(np.float16),
    "c.bf16": bfloat16(values),
    "bn.num_batches_tracked": np.array(7, dtype=np.int64),
}, metadata={"format": "pt"})
