"""Correct: ModuleLists from list comprehensions over (in, out) pairs, the BCE written out with
logs (per example summed over the features, then the batch mean), torch.normal for the noise."""
import torch
from torch import nn


class AutoEncoder(nn.Module):
    def __init__(self, in_dim, hidden_dims, latent_dim):
        super().__init__()
        down = [in_dim, *hidden_dims, latent_dim]
        up = list(reversed(down))
        self.encoder = nn.ModuleList([nn.Linear(i, o) for i, o in zip(down, down[1:])])
        self.decoder = nn.ModuleList([nn.Linear(i, o) for i, o in zip(up, up[1:])])

    def encode(self, x):
        h = x
        for layer in self.encoder[:-1]:
            h = torch.relu(layer(h))
        return self.encoder[-1](h)

    def decode(self, z):
        h = z
        for layer in self.decoder[:-1]:
            h = torch.relu(layer(h))
        return 1 / (1 + torch.exp(-self.decoder[-1](h)))

    def forward(self, x):
        return self.decode(self.encode(x))


def train_step(model, optimizer, x, noise_std=0.0, generator=None):
    inputs = torch.normal(x, noise_std, generator=generator) if noise_std > 0 else x
    optimizer.zero_grad()
    r = model(inputs)
    per_example = -(x * torch.log(r) + (1 - x) * torch.log(1 - r)).sum(dim=1)
    loss = per_example.mean()
    loss.backward()
    optimizer.step()
    return loss.item()
