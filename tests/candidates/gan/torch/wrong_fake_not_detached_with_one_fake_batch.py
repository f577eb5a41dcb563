"""The loop of the classic tutorial, one fake batch for both steps, but D's loss takes it without
.detach(): D's backward runs through G and frees G's graph, so G's backward fails (and, before
that, D's loss writes gradients into G)."""
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


def _d_loss(discriminator, real, fake):
    real_logits, fake_logits = discriminator(real), discriminator(fake)
    return (F.binary_cross_entropy_with_logits(real_logits, torch.ones_like(real_logits))
            + F.binary_cross_entropy_with_logits(fake_logits, torch.zeros_like(fake_logits)))


def _g_loss(discriminator, fake):
    logits = discriminator(fake)
    return F.binary_cross_entropy_with_logits(logits, torch.ones_like(logits))


def discriminator_step(generator, discriminator, d_optimizer, real, z):
    d_optimizer.zero_grad()
    loss = _d_loss(discriminator, real, generator(z).detach())
    loss.backward()
    d_optimizer.step()
    return loss.item()


def generator_step(generator, discriminator, g_optimizer, z):
    g_optimizer.zero_grad()
    loss = _g_loss(discriminator, generator(z))
    loss.backward()
    g_optimizer.step()
    return loss.item()


def train_gan_step(generator, discriminator, g_optimizer, d_optimizer, real, z):
    fake = generator(z)
    d_optimizer.zero_grad()
    d_loss = _d_loss(discriminator, real, fake)
    d_loss.backward()
    d_optimizer.step()
    g_optimizer.zero_grad()
    g_loss = _g_loss(discriminator, fake)
    g_loss.backward()
    g_optimizer.step()
    return d_loss.item(), g_loss.item()
