"""The losses written out with logsigmoid (-log σ(x) for "real", -log(1 - σ(x)) = -log σ(-x) for
"fake"), the layers filled into the Sequential by name, and the training step zeroing both
networks' gradients once at its top: D's fake batch is detached, so G's gradients stay clean."""
from collections import OrderedDict

import torch
from torch import nn
from torch.nn import functional as F


class MLP(nn.Module):
    def __init__(self, in_dim, hidden_dim, out_dim):
        super().__init__()
        self.net = nn.Sequential(OrderedDict([
            ("0", nn.Linear(in_dim, hidden_dim)), ("1", nn.ReLU()), ("2", nn.Linear(hidden_dim, out_dim)),
        ]))

    def forward(self, x):
        return self.net(x)


def _real_loss(logits):
    return -F.logsigmoid(logits).mean()


def _fake_loss(logits):
    return -F.logsigmoid(-logits).mean()


def _d_loss(generator, discriminator, real, z):
    return _real_loss(discriminator(real)) + _fake_loss(discriminator(generator(z).detach()))


def discriminator_step(generator, discriminator, d_optimizer, real, z):
    d_optimizer.zero_grad()
    loss = _d_loss(generator, discriminator, real, z)
    loss.backward()
    d_optimizer.step()
    return float(loss)


def generator_step(generator, discriminator, g_optimizer, z):
    g_optimizer.zero_grad()
    loss = _real_loss(discriminator(generator(z)))
    loss.backward()
    g_optimizer.step()
    return float(loss)


def train_gan_step(generator, discriminator, g_optimizer, d_optimizer, real, z):
    g_optimizer.zero_grad()
    d_optimizer.zero_grad()
    d_loss = _d_loss(generator, discriminator, real, z)
    d_loss.backward()
    d_optimizer.step()
    g_loss = _real_loss(discriminator(generator(z)))
    g_loss.backward()
    g_optimizer.step()
    return float(d_loss), float(g_loss)
