"""Correct, in another style: max-pooling written by hand (the 2x2 windows by unfold, the first
maximum by argmax, which PyTorch documents to return the first of tied maxima, and gather, which
sends the gradient to that one cell), and the layers called through F.conv2d / F.linear."""
import torch
from torch import nn
from torch.nn import functional as F


def max_pool_2x2(x):
    windows = x.unfold(2, 2, 2).unfold(3, 2, 2)  # (N, C, H // 2, W // 2, 2, 2)
    windows = windows.reshape(*windows.shape[:4], 4)  # each window row by row
    return windows.gather(-1, windows.argmax(-1, keepdim=True)).squeeze(-1)


class LeNet(nn.Module):
    def __init__(self, in_chans=1, num_classes=10, img_size=28, channels=(6, 16), hidden=(120, 84), kernel_size=5,
                 padding=0):
        super().__init__()
        sides = [img_size, img_size] if isinstance(img_size, int) else list(img_size)
        for _ in ("conv1", "conv2"):
            sides = [(side + 2 * padding - kernel_size + 1) // 2 for side in sides]
        self.padding = padding
        self.conv1 = nn.Conv2d(in_chans, channels[0], kernel_size, padding=padding)
        self.conv2 = nn.Conv2d(channels[0], channels[1], kernel_size, padding=padding)
        self.fc1 = nn.Linear(channels[1] * sides[0] * sides[1], hidden[0])
        self.fc2 = nn.Linear(hidden[0], hidden[1])
        self.fc3 = nn.Linear(hidden[1], num_classes)

    def forward(self, x):
        for conv in (self.conv1, self.conv2):
            x = max_pool_2x2(F.relu(F.conv2d(x, conv.weight, conv.bias, padding=self.padding)))
        x = x.reshape(len(x), -1)
        for fc in (self.fc1, self.fc2):
            x = F.relu(F.linear(x, fc.weight, fc.bias))
        return F.linear(x, self.fc3.weight, self.fc3.bias)


def train_step(model, optimizer, x, y):
    optimizer.zero_grad(set_to_none=True)
    logits = model(x)
    loss = -logits.log_softmax(dim=1).gather(1, y[:, None]).mean()
    loss.backward()
    optimizer.step()
    return loss.item()
