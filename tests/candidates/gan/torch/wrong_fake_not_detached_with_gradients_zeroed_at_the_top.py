"""Both networks' gradients zeroed once, at the top of the training step (a correct style), but
D's loss takes G's samples without .detach(): its gradients land in G and G's step adds its own."""
# expect-fail: train_gan_step[*]
# hint: which-network-each-loss-reaches
import torch
from torch import nn
from torch.nn import functional as F


class MLP(nn.Module):
    def __init__(self, in_dim, hidden_dim, out_dim):
        super().__init__()
        self.net = nn.Sequential(nn.Linear(in_dim, hidden_dim), nn.ReLU(), nn.Linear(hidden_dim, out_dim))

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
    g_optimizer.zero_grad()
    d_optimizer.zero_grad()
    d_loss = _bce(discriminator(real), 1.0) + _bce(discriminator(generator(z)), 0.0)
    d_loss.backward()
    d_optimizer.step()
    g_loss = _bce(discriminator(generator(z)), 1.0)
    g_loss.backward()
    g_optimizer.step()
    return d_loss.item(), g_loss.item()
