# Tiny classes=3, exported from tiny.snet by snetc export --format pytorch.
# Parameter and buffer names are snet's weight keys: load_state_dict() takes the tensors that
# `snetc run --weights` takes, and tools/pth_to_safetensors.py turns a trained state_dict back into them.
import torch
from torch import nn
import torch.nn.functional as F


class Tiny(nn.Module):
    """Tiny classes=3: input [N, 2, 6, 6], output [N, 3]."""

    input_shape = (2, 6, 6)

    def __init__(self):
        super().__init__()
        self._add("conv1", nn.Conv2d(2, 4, 3, stride=2, padding=1, groups=1, bias=False))
        self._add("bn1", nn.BatchNorm2d(4, eps=0.00001))
        self._add("conv2", nn.Conv2d(2, 2, 1, stride=1, padding=0, groups=2, bias=False))
        self._add("fc", nn.Linear(4, 3, bias=True))

    def forward(self, x):
        m = self.get_submodule
        x0 = x  # input, line 3
        x1 = m("conv1")(x0)  # conv conv1, line 4
        x2 = m("bn1")(x1)  # bn bn1, line 4
        x3 = F.relu(x2)  # relu relu0, line 4
        x4 = x3[:, 0:2]  # slice split0.0, line 5
        x5 = x3[:, 2:4]  # slice split0.1, line 5
        x6 = m("conv2")(x5)  # conv conv2, line 6
        x7 = torch.cat([x6, x4], 1)  # concat concat0, line 6
        x8 = channel_shuffle(x7, 2)  # shuffle shuffle0, line 6
        x9 = x8.mean((2, 3), keepdim=True)  # global_avgpool global_avgpool0, line 7
        x10 = torch.flatten(x9, 1)  # flatten flatten0, line 7
        x11 = m("fc")(x10)  # fc fc, line 7
        return x11

    def _add(self, path, module):
        # Nested containers make the state_dict key `a.0.b.weight` from the snet layer name `a.0.b`.
        parent = self
        *outer, last = path.split(".")
        for part in outer:
            if part not in parent._modules:
                parent.add_module(part, nn.Module())
            parent = parent._modules[part]
        parent.add_module(last, module)


def channel_shuffle(x, groups):
    n, c, h, w = x.shape
    return x.view(n, groups, c // groups, h, w).transpose(1, 2).reshape(n, c, h, w)


if __name__ == "__main__":
    model = Tiny().eval()
    print(model(torch.randn(1, *Tiny.input_shape)).shape)
