"""ShuffleNetV2+ and SPOS (megvii-model/ShuffleNet-Series) in PyTorch, for snet's fixtures.

A reimplementation of Megvii's ShuffleNetV2+/{network,blocks}.py and OneShot/{network,blocks}.py
with the same module structure, hence the same state_dict keys and the same numerics: snet's
examples/models/shufflenet_v2_plus.snet and spos_searched.snet must agree with it.
"""
import torch
import torch.nn as nn

ARCHITECTURE = [0, 0, 3, 1, 1, 1, 0, 0, 2, 0, 2, 1, 1, 0, 2, 0, 2, 1, 3, 2]  # 0-2: Shuffle 3/5/7, 3: Xception
SPOS_SCALES = [1.4, 1.2, 0.8, 1.2, 0.6, 1.4, 0.8, 1.0, 0.6, 1.2, 1.6, 1.2, 1.0, 1.4, 1.6, 1.0, 1.0, 1.2, 1.0, 0.8]
REPEATS = [4, 4, 8, 4]


class HSwish(nn.Module):
    def forward(self, x):
        return x * (torch.clamp(x + 3, 0, 6) / 6)


def nonlinearity(kind):
    return nn.ReLU(inplace=True) if kind == "ReLU" else HSwish()


class SqueezeExcite(nn.Module):
    """Megvii's SELayer: its attribute is SE_opr, the hard sigmoid applied in forward."""

    def __init__(self, c):
        super().__init__()
        self.SE_opr = nn.Sequential(nn.AdaptiveAvgPool2d(1), nn.Conv2d(c, c // 4, 1, bias=False), nn.BatchNorm2d(c // 4),
                                    nn.ReLU(inplace=True), nn.Conv2d(c // 4, c, 1, bias=False))

    def forward(self, x):
        return x * (torch.clamp(self.SE_opr(x) + 3, 0, 6) / 6)


def even_odd(x):
    """Megvii's channel_shuffle: the even channels and the odd ones."""
    return x[:, 0::2], x[:, 1::2]


def projection(inp, ksize, act):
    return nn.Sequential(nn.Conv2d(inp, inp, ksize, 2, ksize // 2, groups=inp, bias=False), nn.BatchNorm2d(inp),
                         nn.Conv2d(inp, inp, 1, bias=False), nn.BatchNorm2d(inp), nonlinearity(act))


class Unit(nn.Module):
    def __init__(self, main, proj, stride):
        super().__init__()
        self.stride = stride
        self.branch_main = main
        if proj is not None:
            self.branch_proj = proj

    def forward(self, x):
        if self.stride == 1:
            proj, x = even_odd(x)
            return torch.cat((proj, self.branch_main(x)), 1)
        return torch.cat((self.branch_proj(x), self.branch_main(x)), 1)


def shuffle_unit(inp, oup, mid, ksize, stride, act, use_se):
    outputs = oup - inp
    main = [nn.Conv2d(inp, mid, 1, bias=False), nn.BatchNorm2d(mid), nonlinearity(act),
            nn.Conv2d(mid, mid, ksize, stride, ksize // 2, groups=mid, bias=False), nn.BatchNorm2d(mid),
            nn.Conv2d(mid, outputs, 1, bias=False), nn.BatchNorm2d(outputs), nonlinearity(act)]
    if use_se:
        main.append(SqueezeExcite(outputs))
    return Unit(nn.Sequential(*main), projection(inp, ksize, act) if stride == 2 else None, stride)


def xception_unit(inp, oup, mid, stride, act, use_se, inner_stride):
    outputs = oup - inp

    def dw(c, s):
        return [nn.Conv2d(c, c, 3, s, 1, groups=c, bias=False), nn.BatchNorm2d(c)]

    main = (dw(inp, stride) + [nn.Conv2d(inp, mid, 1, bias=False), nn.BatchNorm2d(mid), nonlinearity(act)]
            + dw(mid, inner_stride) + [nn.Conv2d(mid, mid, 1, bias=False), nn.BatchNorm2d(mid), nonlinearity(act)]
            + dw(mid, inner_stride) + [nn.Conv2d(mid, outputs, 1, bias=False), nn.BatchNorm2d(outputs), nonlinearity(act)])
    if use_se:
        main.append(SqueezeExcite(outputs))
    return Unit(nn.Sequential(*main), projection(inp, 3, act) if stride == 2 else None, stride)


def units(widths, scales, plus):
    features, inp, index = [], 16, 0
    for stage, repeat in enumerate(REPEATS):
        out = widths[stage]
        act = "HS" if plus and stage >= 1 else "ReLU"
        use_se = plus and stage >= 2
        for i in range(repeat):
            stride = 2 if i == 0 else 1
            unit_in = inp if i == 0 else inp // 2
            mid = int(out // 2 * scales[index])
            block = ARCHITECTURE[index]
            if block == 3:
                features.append(xception_unit(unit_in, out, mid, stride, act, use_se, stride if plus else 1))
            else:
                features.append(shuffle_unit(unit_in, out, mid, [3, 5, 7][block], stride, act, use_se))
            inp, index = out, index + 1
    return nn.Sequential(*features), inp


class ShuffleNetV2Plus(nn.Module):
    WIDTHS = {"Small": [36, 104, 208, 416], "Medium": [48, 128, 256, 512], "Large": [68, 168, 336, 672]}

    def __init__(self, size="Large", classes=1000):
        super().__init__()
        self.first_conv = nn.Sequential(nn.Conv2d(3, 16, 3, 2, 1, bias=False), nn.BatchNorm2d(16), HSwish())
        self.features, last = units(self.WIDTHS[size], [1.0] * 20, plus=True)
        self.conv_last = nn.Sequential(nn.Conv2d(last, 1280, 1, bias=False), nn.BatchNorm2d(1280), HSwish())
        self.globalpool = nn.AvgPool2d(7)
        self.LastSE = SqueezeExcite(1280)
        self.fc = nn.Sequential(nn.Linear(1280, 1280, bias=False), HSwish())
        self.classifier = nn.Sequential(nn.Linear(1280, classes, bias=False))

    def forward(self, x):
        x = self.LastSE(self.globalpool(self.conv_last(self.features(self.first_conv(x)))))
        return self.classifier(self.fc(x.reshape(x.shape[0], -1)))


class SPOSSearched(nn.Module):
    def __init__(self, classes=1000):
        super().__init__()
        self.first_conv = nn.Sequential(nn.Conv2d(3, 16, 3, 2, 1, bias=False), nn.BatchNorm2d(16), nn.ReLU(inplace=True))
        self.features, last = units([64, 160, 320, 640], SPOS_SCALES, plus=False)
        self.conv_last = nn.Sequential(nn.Conv2d(last, 1024, 1, bias=False), nn.BatchNorm2d(1024), nn.ReLU(inplace=True))
        self.globalpool = nn.AvgPool2d(7)
        self.classifier = nn.Sequential(nn.Linear(1024, classes, bias=False))

    def forward(self, x):
        x = self.globalpool(self.conv_last(self.features(self.first_conv(x))))
        return self.classifier(x.reshape(x.shape[0], -1))


def complexity(model, chw):
    """(parameters, MACs of conv and linear layers), counted with forward hooks as snet counts them."""
    macs = []

    def hook(m, inputs, output):
        if isinstance(m, nn.Conv2d):
            macs.append(output.numel() // output.shape[0] * m.in_channels // m.groups * m.kernel_size[0] * m.kernel_size[1])
        elif isinstance(m, nn.Linear):
            macs.append(m.in_features * m.out_features)

    handles = [m.register_forward_hook(hook) for m in model.modules() if isinstance(m, (nn.Conv2d, nn.Linear))]
    with torch.no_grad():
        model.eval()(torch.zeros([1] + chw))
    for h in handles:
        h.remove()
    return sum(p.numel() for p in model.parameters()), sum(macs)


if __name__ == "__main__":
    for name, model in [("V2+ Small", ShuffleNetV2Plus("Small")), ("V2+ Medium", ShuffleNetV2Plus("Medium")),
                        ("V2+ Large", ShuffleNetV2Plus("Large")), ("SPOS searched", SPOSSearched())]:
        print(name, *complexity(model, [3, 224, 224]))
