# ShuffleNetCifar groups=2, exported from cifar_shufflenet.snet by snetc export --format pytorch.
# Parameter and buffer names are snet's weight keys: load_state_dict() takes the tensors that
# `snetc run --weights` takes, and tools/pth_to_safetensors.py turns a trained state_dict back into them.
import torch
from torch import nn
import torch.nn.functional as F


class ShuffleNetCifar(nn.Module):
    """ShuffleNetCifar groups=2: input [N, 3, 32, 32], output [N, 10]."""

    input_shape = (3, 32, 32)

    def __init__(self):
        super().__init__()
        self._add("conv1", nn.Conv2d(3, 24, 1, stride=1, padding=0, groups=1, bias=False))
        self._add("bn1", nn.BatchNorm2d(24, eps=0.00001))
        self._add("layer1.0.conv1", nn.Conv2d(24, 44, 1, stride=1, padding=0, groups=1, bias=False))
        self._add("layer1.0.bn1", nn.BatchNorm2d(44, eps=0.00001))
        self._add("layer1.0.conv2", nn.Conv2d(44, 44, 3, stride=2, padding=1, groups=44, bias=False))
        self._add("layer1.0.bn2", nn.BatchNorm2d(44, eps=0.00001))
        self._add("layer1.0.conv3", nn.Conv2d(44, 176, 1, stride=1, padding=0, groups=2, bias=False))
        self._add("layer1.0.bn3", nn.BatchNorm2d(176, eps=0.00001))
        self._add("layer1.1.conv1", nn.Conv2d(200, 50, 1, stride=1, padding=0, groups=2, bias=False))
        self._add("layer1.1.bn1", nn.BatchNorm2d(50, eps=0.00001))
        self._add("layer1.1.conv2", nn.Conv2d(50, 50, 3, stride=1, padding=1, groups=50, bias=False))
        self._add("layer1.1.bn2", nn.BatchNorm2d(50, eps=0.00001))
        self._add("layer1.1.conv3", nn.Conv2d(50, 200, 1, stride=1, padding=0, groups=2, bias=False))
        self._add("layer1.1.bn3", nn.BatchNorm2d(200, eps=0.00001))
        self._add("layer1.2.conv1", nn.Conv2d(200, 50, 1, stride=1, padding=0, groups=2, bias=False))
        self._add("layer1.2.bn1", nn.BatchNorm2d(50, eps=0.00001))
        self._add("layer1.2.conv2", nn.Conv2d(50, 50, 3, stride=1, padding=1, groups=50, bias=False))
        self._add("layer1.2.bn2", nn.BatchNorm2d(50, eps=0.00001))
        self._add("layer1.2.conv3", nn.Conv2d(50, 200, 1, stride=1, padding=0, groups=2, bias=False))
        self._add("layer1.2.bn3", nn.BatchNorm2d(200, eps=0.00001))
        self._add("layer1.3.conv1", nn.Conv2d(200, 50, 1, stride=1, padding=0, groups=2, bias=False))
        self._add("layer1.3.bn1", nn.BatchNorm2d(50, eps=0.00001))
        self._add("layer1.3.conv2", nn.Conv2d(50, 50, 3, stride=1, padding=1, groups=50, bias=False))
        self._add("layer1.3.bn2", nn.BatchNorm2d(50, eps=0.00001))
        self._add("layer1.3.conv3", nn.Conv2d(50, 200, 1, stride=1, padding=0, groups=2, bias=False))
        self._add("layer1.3.bn3", nn.BatchNorm2d(200, eps=0.00001))
        self._add("layer2.0.conv1", nn.Conv2d(200, 50, 1, stride=1, padding=0, groups=2, bias=False))
        self._add("layer2.0.bn1", nn.BatchNorm2d(50, eps=0.00001))
        self._add("layer2.0.conv2", nn.Conv2d(50, 50, 3, stride=2, padding=1, groups=50, bias=False))
        self._add("layer2.0.bn2", nn.BatchNorm2d(50, eps=0.00001))
        self._add("layer2.0.conv3", nn.Conv2d(50, 200, 1, stride=1, padding=0, groups=2, bias=False))
        self._add("layer2.0.bn3", nn.BatchNorm2d(200, eps=0.00001))
        self._add("layer2.1.conv1", nn.Conv2d(400, 100, 1, stride=1, padding=0, groups=2, bias=False))
        self._add("layer2.1.bn1", nn.BatchNorm2d(100, eps=0.00001))
        self._add("layer2.1.conv2", nn.Conv2d(100, 100, 3, stride=1, padding=1, groups=100, bias=False))
        self._add("layer2.1.bn2", nn.BatchNorm2d(100, eps=0.00001))
        self._add("layer2.1.conv3", nn.Conv2d(100, 400, 1, stride=1, padding=0, groups=2, bias=False))
        self._add("layer2.1.bn3", nn.BatchNorm2d(400, eps=0.00001))
        self._add("layer2.2.conv1", nn.Conv2d(400, 100, 1, stride=1, padding=0, groups=2, bias=False))
        self._add("layer2.2.bn1", nn.BatchNorm2d(100, eps=0.00001))
        self._add("layer2.2.conv2", nn.Conv2d(100, 100, 3, stride=1, padding=1, groups=100, bias=False))
        self._add("layer2.2.bn2", nn.BatchNorm2d(100, eps=0.00001))
        self._add("layer2.2.conv3", nn.Conv2d(100, 400, 1, stride=1, padding=0, groups=2, bias=False))
        self._add("layer2.2.bn3", nn.BatchNorm2d(400, eps=0.00001))
        self._add("layer2.3.conv1", nn.Conv2d(400, 100, 1, stride=1, padding=0, groups=2, bias=False))
        self._add("layer2.3.bn1", nn.BatchNorm2d(100, eps=0.00001))
        self._add("layer2.3.conv2", nn.Conv2d(100, 100, 3, stride=1, padding=1, groups=100, bias=False))
        self._add("layer2.3.bn2", nn.BatchNorm2d(100, eps=0.00001))
        self._add("layer2.3.conv3", nn.Conv2d(100, 400, 1, stride=1, padding=0, groups=2, bias=False))
        self._add("layer2.3.bn3", nn.BatchNorm2d(400, eps=0.00001))
        self._add("layer2.4.conv1", nn.Conv2d(400, 100, 1, stride=1, padding=0, groups=2, bias=False))
        self._add("layer2.4.bn1", nn.BatchNorm2d(100, eps=0.00001))
        self._add("layer2.4.conv2", nn.Conv2d(100, 100, 3, stride=1, padding=1, groups=100, bias=False))
        self._add("layer2.4.bn2", nn.BatchNorm2d(100, eps=0.00001))
        self._add("layer2.4.conv3", nn.Conv2d(100, 400, 1, stride=1, padding=0, groups=2, bias=False))
        self._add("layer2.4.bn3", nn.BatchNorm2d(400, eps=0.00001))
        self._add("layer2.5.conv1", nn.Conv2d(400, 100, 1, stride=1, padding=0, groups=2, bias=False))
        self._add("layer2.5.bn1", nn.BatchNorm2d(100, eps=0.00001))
        self._add("layer2.5.conv2", nn.Conv2d(100, 100, 3, stride=1, padding=1, groups=100, bias=False))
        self._add("layer2.5.bn2", nn.BatchNorm2d(100, eps=0.00001))
        self._add("layer2.5.conv3", nn.Conv2d(100, 400, 1, stride=1, padding=0, groups=2, bias=False))
        self._add("layer2.5.bn3", nn.BatchNorm2d(400, eps=0.00001))
        self._add("layer2.6.conv1", nn.Conv2d(400, 100, 1, stride=1, padding=0, groups=2, bias=False))
        self._add("layer2.6.bn1", nn.BatchNorm2d(100, eps=0.00001))
        self._add("layer2.6.conv2", nn.Conv2d(100, 100, 3, stride=1, padding=1, groups=100, bias=False))
        self._add("layer2.6.bn2", nn.BatchNorm2d(100, eps=0.00001))
        self._add("layer2.6.conv3", nn.Conv2d(100, 400, 1, stride=1, padding=0, groups=2, bias=False))
        self._add("layer2.6.bn3", nn.BatchNorm2d(400, eps=0.00001))
        self._add("layer2.7.conv1", nn.Conv2d(400, 100, 1, stride=1, padding=0, groups=2, bias=False))
        self._add("layer2.7.bn1", nn.BatchNorm2d(100, eps=0.00001))
        self._add("layer2.7.conv2", nn.Conv2d(100, 100, 3, stride=1, padding=1, groups=100, bias=False))
        self._add("layer2.7.bn2", nn.BatchNorm2d(100, eps=0.00001))
        self._add("layer2.7.conv3", nn.Conv2d(100, 400, 1, stride=1, padding=0, groups=2, bias=False))
        self._add("layer2.7.bn3", nn.BatchNorm2d(400, eps=0.00001))
        self._add("layer3.0.conv1", nn.Conv2d(400, 100, 1, stride=1, padding=0, groups=2, bias=False))
        self._add("layer3.0.bn1", nn.BatchNorm2d(100, eps=0.00001))
        self._add("layer3.0.conv2", nn.Conv2d(100, 100, 3, stride=2, padding=1, groups=100, bias=False))
        self._add("layer3.0.bn2", nn.BatchNorm2d(100, eps=0.00001))
        self._add("layer3.0.conv3", nn.Conv2d(100, 400, 1, stride=1, padding=0, groups=2, bias=False))
        self._add("layer3.0.bn3", nn.BatchNorm2d(400, eps=0.00001))
        self._add("layer3.1.conv1", nn.Conv2d(800, 200, 1, stride=1, padding=0, groups=2, bias=False))
        self._add("layer3.1.bn1", nn.BatchNorm2d(200, eps=0.00001))
        self._add("layer3.1.conv2", nn.Conv2d(200, 200, 3, stride=1, padding=1, groups=200, bias=False))
        self._add("layer3.1.bn2", nn.BatchNorm2d(200, eps=0.00001))
        self._add("layer3.1.conv3", nn.Conv2d(200, 800, 1, stride=1, padding=0, groups=2, bias=False))
        self._add("layer3.1.bn3", nn.BatchNorm2d(800, eps=0.00001))
        self._add("layer3.2.conv1", nn.Conv2d(800, 200, 1, stride=1, padding=0, groups=2, bias=False))
        self._add("layer3.2.bn1", nn.BatchNorm2d(200, eps=0.00001))
        self._add("layer3.2.conv2", nn.Conv2d(200, 200, 3, stride=1, padding=1, groups=200, bias=False))
        self._add("layer3.2.bn2", nn.BatchNorm2d(200, eps=0.00001))
        self._add("layer3.2.conv3", nn.Conv2d(200, 800, 1, stride=1, padding=0, groups=2, bias=False))
        self._add("layer3.2.bn3", nn.BatchNorm2d(800, eps=0.00001))
        self._add("layer3.3.conv1", nn.Conv2d(800, 200, 1, stride=1, padding=0, groups=2, bias=False))
        self._add("layer3.3.bn1", nn.BatchNorm2d(200, eps=0.00001))
        self._add("layer3.3.conv2", nn.Conv2d(200, 200, 3, stride=1, padding=1, groups=200, bias=False))
        self._add("layer3.3.bn2", nn.BatchNorm2d(200, eps=0.00001))
        self._add("layer3.3.conv3", nn.Conv2d(200, 800, 1, stride=1, padding=0, groups=2, bias=False))
        self._add("layer3.3.bn3", nn.BatchNorm2d(800, eps=0.00001))
        self._add("linear", nn.Linear(800, 10, bias=True))

    def forward(self, x):
        m = self.get_submodule
        x0 = x  # input, line 29
        x1 = m("conv1")(x0)  # conv conv1, line 31
        x2 = m("bn1")(x1)  # bn bn1, line 31
        x3 = F.relu(x2)  # relu relu0, line 31
        x4 = m("layer1.0.conv1")(x3)  # conv layer1.0.conv1, line 9
        x5 = m("layer1.0.bn1")(x4)  # bn layer1.0.bn1, line 9
        x6 = F.relu(x5)  # relu layer1.0.relu0, line 9
        x7 = channel_shuffle(x6, 1)  # shuffle layer1.0.shuffle1, line 9
        x8 = m("layer1.0.conv2")(x7)  # conv layer1.0.conv2, line 10
        x9 = m("layer1.0.bn2")(x8)  # bn layer1.0.bn2, line 10
        x10 = F.relu(x9)  # relu layer1.0.relu1, line 10
        x11 = m("layer1.0.conv3")(x10)  # conv layer1.0.conv3, line 11
        x12 = m("layer1.0.bn3")(x11)  # bn layer1.0.bn3, line 11
        x13 = F.avg_pool2d(x3, 3, stride=2, padding=1, count_include_pad=True)  # avgpool layer1.0.shortcut, line 13
        x14 = torch.cat([x12, x13], 1)  # concat layer1.0.concat0, line 13
        x15 = F.relu(x14)  # relu layer1.0.relu2, line 17
        x16 = m("layer1.1.conv1")(x15)  # conv layer1.1.conv1, line 9
        x17 = m("layer1.1.bn1")(x16)  # bn layer1.1.bn1, line 9
        x18 = F.relu(x17)  # relu layer1.1.relu0, line 9
        x19 = channel_shuffle(x18, 2)  # shuffle layer1.1.shuffle1, line 9
        x20 = m("layer1.1.conv2")(x19)  # conv layer1.1.conv2, line 10
        x21 = m("layer1.1.bn2")(x20)  # bn layer1.1.bn2, line 10
        x22 = F.relu(x21)  # relu layer1.1.relu1, line 10
        x23 = m("layer1.1.conv3")(x22)  # conv layer1.1.conv3, line 11
        x24 = m("layer1.1.bn3")(x23)  # bn layer1.1.bn3, line 11
        x25 = x24 + x15  # add layer1.1.add0, line 15
        x26 = F.relu(x25)  # relu layer1.1.relu2, line 17
        x27 = m("layer1.2.conv1")(x26)  # conv layer1.2.conv1, line 9
        x28 = m("layer1.2.bn1")(x27)  # bn layer1.2.bn1, line 9
        x29 = F.relu(x28)  # relu layer1.2.relu0, line 9
        x30 = channel_shuffle(x29, 2)  # shuffle layer1.2.shuffle1, line 9
        x31 = m("layer1.2.conv2")(x30)  # conv layer1.2.conv2, line 10
        x32 = m("layer1.2.bn2")(x31)  # bn layer1.2.bn2, line 10
        x33 = F.relu(x32)  # relu layer1.2.relu1, line 10
        x34 = m("layer1.2.conv3")(x33)  # conv layer1.2.conv3, line 11
        x35 = m("layer1.2.bn3")(x34)  # bn layer1.2.bn3, line 11
        x36 = x35 + x26  # add layer1.2.add0, line 15
        x37 = F.relu(x36)  # relu layer1.2.relu2, line 17
        x38 = m("layer1.3.conv1")(x37)  # conv layer1.3.conv1, line 9
        x39 = m("layer1.3.bn1")(x38)  # bn layer1.3.bn1, line 9
        x40 = F.relu(x39)  # relu layer1.3.relu0, line 9
        x41 = channel_shuffle(x40, 2)  # shuffle layer1.3.shuffle1, line 9
        x42 = m("layer1.3.conv2")(x41)  # conv layer1.3.conv2, line 10
        x43 = m("layer1.3.bn2")(x42)  # bn layer1.3.bn2, line 10
        x44 = F.relu(x43)  # relu layer1.3.relu1, line 10
        x45 = m("layer1.3.conv3")(x44)  # conv layer1.3.conv3, line 11
        x46 = m("layer1.3.bn3")(x45)  # bn layer1.3.bn3, line 11
        x47 = x46 + x37  # add layer1.3.add0, line 15
        x48 = F.relu(x47)  # relu layer1.3.relu2, line 17
        x49 = m("layer2.0.conv1")(x48)  # conv layer2.0.conv1, line 9
        x50 = m("layer2.0.bn1")(x49)  # bn layer2.0.bn1, line 9
        x51 = F.relu(x50)  # relu layer2.0.relu0, line 9
        x52 = channel_shuffle(x51, 2)  # shuffle layer2.0.shuffle1, line 9
        x53 = m("layer2.0.conv2")(x52)  # conv layer2.0.conv2, line 10
        x54 = m("layer2.0.bn2")(x53)  # bn layer2.0.bn2, line 10
        x55 = F.relu(x54)  # relu layer2.0.relu1, line 10
        x56 = m("layer2.0.conv3")(x55)  # conv layer2.0.conv3, line 11
        x57 = m("layer2.0.bn3")(x56)  # bn layer2.0.bn3, line 11
        x58 = F.avg_pool2d(x48, 3, stride=2, padding=1, count_include_pad=True)  # avgpool layer2.0.shortcut, line 13
        x59 = torch.cat([x57, x58], 1)  # concat layer2.0.concat0, line 13
        x60 = F.relu(x59)  # relu layer2.0.relu2, line 17
        x61 = m("layer2.1.conv1")(x60)  # conv layer2.1.conv1, line 9
        x62 = m("layer2.1.bn1")(x61)  # bn layer2.1.bn1, line 9
        x63 = F.relu(x62)  # relu layer2.1.relu0, line 9
        x64 = channel_shuffle(x63, 2)  # shuffle layer2.1.shuffle1, line 9
        x65 = m("layer2.1.conv2")(x64)  # conv layer2.1.conv2, line 10
        x66 = m("layer2.1.bn2")(x65)  # bn layer2.1.bn2, line 10
        x67 = F.relu(x66)  # relu layer2.1.relu1, line 10
        x68 = m("layer2.1.conv3")(x67)  # conv layer2.1.conv3, line 11
        x69 = m("layer2.1.bn3")(x68)  # bn layer2.1.bn3, line 11
        x70 = x69 + x60  # add layer2.1.add0, line 15
        x71 = F.relu(x70)  # relu layer2.1.relu2, line 17
        x72 = m("layer2.2.conv1")(x71)  # conv layer2.2.conv1, line 9
        x73 = m("layer2.2.bn1")(x72)  # bn layer2.2.bn1, line 9
        x74 = F.relu(x73)  # relu layer2.2.relu0, line 9
        x75 = channel_shuffle(x74, 2)  # shuffle layer2.2.shuffle1, line 9
        x76 = m("layer2.2.conv2")(x75)  # conv layer2.2.conv2, line 10
        x77 = m("layer2.2.bn2")(x76)  # bn layer2.2.bn2, line 10
        x78 = F.relu(x77)  # relu layer2.2.relu1, line 10
        x79 = m("layer2.2.conv3")(x78)  # conv layer2.2.conv3, line 11
        x80 = m("layer2.2.bn3")(x79)  # bn layer2.2.bn3, line 11
        x81 = x80 + x71  # add layer2.2.add0, line 15
        x82 = F.relu(x81)  # relu layer2.2.relu2, line 17
        x83 = m("layer2.3.conv1")(x82)  # conv layer2.3.conv1, line 9
        x84 = m("layer2.3.bn1")(x83)  # bn layer2.3.bn1, line 9
        x85 = F.relu(x84)  # relu layer2.3.relu0, line 9
        x86 = channel_shuffle(x85, 2)  # shuffle layer2.3.shuffle1, line 9
        x87 = m("layer2.3.conv2")(x86)  # conv layer2.3.conv2, line 10
        x88 = m("layer2.3.bn2")(x87)  # bn layer2.3.bn2, line 10
        x89 = F.relu(x88)  # relu layer2.3.relu1, line 10
        x90 = m("layer2.3.conv3")(x89)  # conv layer2.3.conv3, line 11
        x91 = m("layer2.3.bn3")(x90)  # bn layer2.3.bn3, line 11
        x92 = x91 + x82  # add layer2.3.add0, line 15
        x93 = F.relu(x92)  # relu layer2.3.relu2, line 17
        x94 = m("layer2.4.conv1")(x93)  # conv layer2.4.conv1, line 9
        x95 = m("layer2.4.bn1")(x94)  # bn layer2.4.bn1, line 9
        x96 = F.relu(x95)  # relu layer2.4.relu0, line 9
        x97 = channel_shuffle(x96, 2)  # shuffle layer2.4.shuffle1, line 9
        x98 = m("layer2.4.conv2")(x97)  # conv layer2.4.conv2, line 10
        x99 = m("layer2.4.bn2")(x98)  # bn layer2.4.bn2, line 10
        x100 = F.relu(x99)  # relu layer2.4.relu1, line 10
        x101 = m("layer2.4.conv3")(x100)  # conv layer2.4.conv3, line 11
        x102 = m("layer2.4.bn3")(x101)  # bn layer2.4.bn3, line 11
        x103 = x102 + x93  # add layer2.4.add0, line 15
        x104 = F.relu(x103)  # relu layer2.4.relu2, line 17
        x105 = m("layer2.5.conv1")(x104)  # conv layer2.5.conv1, line 9
        x106 = m("layer2.5.bn1")(x105)  # bn layer2.5.bn1, line 9
        x107 = F.relu(x106)  # relu layer2.5.relu0, line 9
        x108 = channel_shuffle(x107, 2)  # shuffle layer2.5.shuffle1, line 9
        x109 = m("layer2.5.conv2")(x108)  # conv layer2.5.conv2, line 10
        x110 = m("layer2.5.bn2")(x109)  # bn layer2.5.bn2, line 10
        x111 = F.relu(x110)  # relu layer2.5.relu1, line 10
        x112 = m("layer2.5.conv3")(x111)  # conv layer2.5.conv3, line 11
        x113 = m("layer2.5.bn3")(x112)  # bn layer2.5.bn3, line 11
        x114 = x113 + x104  # add layer2.5.add0, line 15
        x115 = F.relu(x114)  # relu layer2.5.relu2, line 17
        x116 = m("layer2.6.conv1")(x115)  # conv layer2.6.conv1, line 9
        x117 = m("layer2.6.bn1")(x116)  # bn layer2.6.bn1, line 9
        x118 = F.relu(x117)  # relu layer2.6.relu0, line 9
        x119 = channel_shuffle(x118, 2)  # shuffle layer2.6.shuffle1, line 9
        x120 = m("layer2.6.conv2")(x119)  # conv layer2.6.conv2, line 10
        x121 = m("layer2.6.bn2")(x120)  # bn layer2.6.bn2, line 10
        x122 = F.relu(x121)  # relu layer2.6.relu1, line 10
        x123 = m("layer2.6.conv3")(x122)  # conv layer2.6.conv3, line 11
        x124 = m("layer2.6.bn3")(x123)  # bn layer2.6.bn3, line 11
        x125 = x124 + x115  # add layer2.6.add0, line 15
        x126 = F.relu(x125)  # relu layer2.6.relu2, line 17
        x127 = m("layer2.7.conv1")(x126)  # conv layer2.7.conv1, line 9
        x128 = m("layer2.7.bn1")(x127)  # bn layer2.7.bn1, line 9
        x129 = F.relu(x128)  # relu layer2.7.relu0, line 9
        x130 = channel_shuffle(x129, 2)  # shuffle layer2.7.shuffle1, line 9
        x131 = m("layer2.7.conv2")(x130)  # conv layer2.7.conv2, line 10
        x132 = m("layer2.7.bn2")(x131)  # bn layer2.7.bn2, line 10
        x133 = F.relu(x132)  # relu layer2.7.relu1, line 10
        x134 = m("layer2.7.conv3")(x133)  # conv layer2.7.conv3, line 11
        x135 = m("layer2.7.bn3")(x134)  # bn layer2.7.bn3, line 11
        x136 = x135 + x126  # add layer2.7.add0, line 15
        x137 = F.relu(x136)  # relu layer2.7.relu2, line 17
        x138 = m("layer3.0.conv1")(x137)  # conv layer3.0.conv1, line 9
        x139 = m("layer3.0.bn1")(x138)  # bn layer3.0.bn1, line 9
        x140 = F.relu(x139)  # relu layer3.0.relu0, line 9
        x141 = channel_shuffle(x140, 2)  # shuffle layer3.0.shuffle1, line 9
        x142 = m("layer3.0.conv2")(x141)  # conv layer3.0.conv2, line 10
        x143 = m("layer3.0.bn2")(x142)  # bn layer3.0.bn2, line 10
        x144 = F.relu(x143)  # relu layer3.0.relu1, line 10
        x145 = m("layer3.0.conv3")(x144)  # conv layer3.0.conv3, line 11
        x146 = m("layer3.0.bn3")(x145)  # bn layer3.0.bn3, line 11
        x147 = F.avg_pool2d(x137, 3, stride=2, padding=1, count_include_pad=True)  # avgpool layer3.0.shortcut, line 13
        x148 = torch.cat([x146, x147], 1)  # concat layer3.0.concat0, line 13
        x149 = F.relu(x148)  # relu layer3.0.relu2, line 17
        x150 = m("layer3.1.conv1")(x149)  # conv layer3.1.conv1, line 9
        x151 = m("layer3.1.bn1")(x150)  # bn layer3.1.bn1, line 9
        x152 = F.relu(x151)  # relu layer3.1.relu0, line 9
        x153 = channel_shuffle(x152, 2)  # shuffle layer3.1.shuffle1, line 9
        x154 = m("layer3.1.conv2")(x153)  # conv layer3.1.conv2, line 10
        x155 = m("layer3.1.bn2")(x154)  # bn layer3.1.bn2, line 10
        x156 = F.relu(x155)  # relu layer3.1.relu1, line 10
        x157 = m("layer3.1.conv3")(x156)  # conv layer3.1.conv3, line 11
        x158 = m("layer3.1.bn3")(x157)  # bn layer3.1.bn3, line 11
        x159 = x158 + x149  # add layer3.1.add0, line 15
        x160 = F.relu(x159)  # relu layer3.1.relu2, line 17
        x161 = m("layer3.2.conv1")(x160)  # conv layer3.2.conv1, line 9
        x162 = m("layer3.2.bn1")(x161)  # bn layer3.2.bn1, line 9
        x163 = F.relu(x162)  # relu layer3.2.relu0, line 9
        x164 = channel_shuffle(x163, 2)  # shuffle layer3.2.shuffle1, line 9
        x165 = m("layer3.2.conv2")(x164)  # conv layer3.2.conv2, line 10
        x166 = m("layer3.2.bn2")(x165)  # bn layer3.2.bn2, line 10
        x167 = F.relu(x166)  # relu layer3.2.relu1, line 10
        x168 = m("layer3.2.conv3")(x167)  # conv layer3.2.conv3, line 11
        x169 = m("layer3.2.bn3")(x168)  # bn layer3.2.bn3, line 11
        x170 = x169 + x160  # add layer3.2.add0, line 15
        x171 = F.relu(x170)  # relu layer3.2.relu2, line 17
        x172 = m("layer3.3.conv1")(x171)  # conv layer3.3.conv1, line 9
        x173 = m("layer3.3.bn1")(x172)  # bn layer3.3.bn1, line 9
        x174 = F.relu(x173)  # relu layer3.3.relu0, line 9
        x175 = channel_shuffle(x174, 2)  # shuffle layer3.3.shuffle1, line 9
        x176 = m("layer3.3.conv2")(x175)  # conv layer3.3.conv2, line 10
        x177 = m("layer3.3.bn2")(x176)  # bn layer3.3.bn2, line 10
        x178 = F.relu(x177)  # relu layer3.3.relu1, line 10
        x179 = m("layer3.3.conv3")(x178)  # conv layer3.3.conv3, line 11
        x180 = m("layer3.3.bn3")(x179)  # bn layer3.3.bn3, line 11
        x181 = x180 + x171  # add layer3.3.add0, line 15
        x182 = F.relu(x181)  # relu layer3.3.relu2, line 17
        x183 = F.avg_pool2d(x182, 4, stride=4, padding=0, count_include_pad=True)  # avgpool avgpool0, line 35
        x184 = torch.flatten(x183, 1)  # flatten flatten0, line 35
        x185 = m("linear")(x184)  # fc linear, line 35
        return x185

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
    model = ShuffleNetCifar().eval()
    print(model(torch.randn(1, *ShuffleNetCifar.input_shape)).shape)
