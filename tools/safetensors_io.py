"""A small safetensors writer and reader (the format: 8-byte little-endian header length, a JSON
header of {name: {dtype, shape, data_offsets}}, then the raw little-endian tensor bytes)."""
import json
import struct

import numpy as np

DTYPES = {np.dtype("float32"): "F32", np.dtype("float16"): "F16", np.dtype("float64"): "F64",
          np.dtype("int64"): "I64", np.dtype("int32"): "I32", np.dtype("uint8"): "U8"}


def write_safetensors(path, tensors, metadata=None):
    """tensors: {name: numpy array}; bfloat16 may be given as ("BF16", uint16 array)."""
    header, blobs, offset = {}, [], 0
    for name in sorted(tensors):
        value = tensors[name]
        if isinstance(value, tuple):
            dtype, array = value
        else:
            array = np.asarray(value)  # np.ascontiguousarray would turn a 0-d scalar into shape [1]
            if not array.flags.c_contiguous:
                array = array.copy(order="C")
            dtype = DTYPES[array.dtype]
        data = array.astype(array.dtype.newbyteorder("<")).tobytes()
        header[name] = {"dtype": dtype, "shape": list(array.shape), "data_offsets": [offset, offset + len(data)]}
        blobs.append(data)
        offset += len(data)
    if metadata:
        header["__metadata__"] = metadata
    text = json.dumps(header, separators=(",", ":")).encode("utf-8")
    text += b" " * (-len(text) % 8)
    tmp = path + ".tmp"
    with open(tmp, "wb") as f:
        f.write(struct.pack("<Q", len(text)))
        f.write(text)
        for b in blobs:
            f.write(b)
    import os
    os.replace(tmp, path)


def bfloat16(array):
    """float32 values as ("BF16", uint16) by truncating the low half (exact for values that fit)."""
    bits = np.ascontiguousarray(array, dtype=np.float32).view(np.uint32)
    return "BF16", (bits >> 16).astype(np.uint16)
