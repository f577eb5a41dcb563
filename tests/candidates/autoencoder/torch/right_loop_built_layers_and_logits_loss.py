"""Correct: layers appended in a loop, the loss from the decoder's logits (BCE with logits, summed
and divided by the batch), the noise by randn_like, the gradients zeroed through the model."""
import torch
from torch import nn
from torch.nn import functional as F


class AutoEncoder(nn.Module):
    def __init__(self, in_dim, hidden_dims, latent_dim):
        super().__init__()
        widths = [in_dim] + list(hidden_dims) + [latent_dim]
        self.encoder = nn.ModuleList()
        self.decoder = nn.ModuleList()
        for i in range(len(widths) - 1):
            self.encoder.append(nn.Linear(widths[i], widths[i + 1]))
        for i in range(len(widths) - 1, 0, -1):
            self.decoder.append(nn.Linear(widths[i], widths[i - 1]))

    def encode(self, x):
        last = len(self.encoder) - 1
        for i, layer in enumerate(self.encoder):
            x = layer(x)
            if i < last:
                x = F.relu(x)
        return x

    def logits(self, z):
        for layer in self.decoder[:-1]:
            z = F.relu(layer(z))
        return self.decoder[-1](z)

    def decode(self, z):
        return torch.sigmoid(self.logits(z))

    def forward(self, x):
        return self.decode(self.encode(x))


def train_step(model, optimizer, x, noise_std=0.0, generator=None):
    corrupted = x + noise_std * torch.randn_like(x, generator=generator) if noise_std > 0 else x
    model.zero_grad(set_to_none=True)
    logits = model.logits(model.encode(corrupted))
    loss = F.binary_cross_entropy_with_logits(logits, x, reduction="sum") / len(x)
    loss.backward()
    optimizer.step()
    return float(loss.detach())
