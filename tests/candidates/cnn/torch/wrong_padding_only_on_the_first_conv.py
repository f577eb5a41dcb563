"""padding given to conv1 only: conv2 pads nothing, and fc1's size is computed to match."""
# expect-fail: forward[padding_one_keeps_the_size] forward[color_images_with_padding_two]
# hint: shapes-first
import torch
from torch import nn
from torch.nn import functional as F


class LeNet(nn.Module):
    def __init__(self, in_chans=1, num_classes=10, img_size=28, channels=(6, 16), hidden=(120, 84), kernel_size=5,
                 padding=0):
        super().__init__()
        h, w = (img_size, img_size) if isinstance(img_size, int) else img_size
        for pad in (padding, 0):  # conv, then 2x2 max-pool
            h, w = (h + 2 * pad - kernel_size + 1) // 2, (w + 2 * pad - kernel_size + 1) // 2
        self.conv1 = nn.Conv2d(in_chans, channels[0], kernel_size, padding=padding)
        self.conv2 = nn.Conv2d(channels[0], channels[1], kernel_size)
        self.fc1 = nn.Linear(channels[1] * h * w, hidden[0])
        self.fc2 = nn.Linear(hidden[0], hidden[1])
        self.fc3 = nn.Linear(hidden[1], num_classes)

    def forward(self, x):
        x = F.max_pool2d(torch.relu(self.conv1(x)), 2)
        x = F.max_pool2d(torch.relu(self.conv2(x)), 2)
        x = torch.relu(self.fc1(x.flatten(1)))
        x = torch.relu(self.fc2(x))
        return self.fc3(x)


def train_step(model, optimizer, x, y):
    optimizer.zero_grad()
    loss = F.cross_entropy(model(x), y)
    loss.backward()
    optimizer.step()
    return loss.item()
