"""Wrong: each stack an nn.Sequential holding the ReLUs too: the Linears are numbered 0, 2, 4, and
the grader's encoder.1.weight has nowhere to go (right only without hidden layers)."""
# expect-fail: encode[one_hidden_layer] decode[one_hidden_layer] forward[one_hidden_layer] train_step[one_hidden_layer_*]
# hint: module-names-and-the-mirror
import torch
from torch import nn
from torch.nn import functional as F


def _stack(widths):
    layers = []
    for a, b in zip(widths[:-1], widths[1:]):
        layers += [nn.Linear(a, b), nn.ReLU()]
    return nn.Sequential(*layers[:-1])  # no ReLU after the last Linear


class AutoEncoder(nn.Module):
    def __init__(self, in_dim, hidden_dims, latent_dim):
        super().__init__()
        widths = [in_dim, *hidden_dims, latent_dim]
        self.encoder = _stack(widths)
        self.decoder = _stack(widths[::-1])

    def encode(self, x):
        return self.encoder(x)

    def decode(self, z):
        return torch.sigmoid(self.decoder(z))

    def forward(self, x):
        return self.decode(self.encode(x))


def train_step(model, optimizer, x, noise_std=0.0, generator=None):
    inputs = x + noise_std * torch.randn(x.shape, generator=generator, dtype=x.dtype, device=x.device) \
        if noise_std > 0 else x
    optimizer.zero_grad()
    loss = F.binary_cross_entropy(model(inputs), x, reduction="sum") / x.shape[0]
    loss.backward()
    optimizer.step()
    return loss.item()
