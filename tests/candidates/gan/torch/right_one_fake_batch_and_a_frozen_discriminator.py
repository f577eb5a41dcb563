"""One fake batch for both steps (detached for D's, live for G's), nn.BCEWithLogitsLoss, the
modules' own zero_grad, and D's parameters frozen during G's step so that no gradient lands in D."""
import torch
from torch import nn


class MLP(nn.Module):
    def __init__(self, in_dim, hidden_dim, out_dim):
        super().__init__()
        layers = [nn.Linear(in_dim, hidden_dim), nn.ReLU(), nn.Linear(hidden_dim, out_dim)]
        self.net = nn.Sequential(*layers)

    def forward(self, x):
        return self.net(x)


criterion = nn.BCEWithLogitsLoss()


def _d_update(discriminator, d_optimizer, real, fake):
    discriminator.zero_grad()
    real_logits = discriminator(real)
    fake_logits = discriminator(fake.detach())
    loss = criterion(real_logits, torch.ones_like(real_logits)) + criterion(fake_logits, torch.zeros_like(fake_logits))
    loss.backward()
    d_optimizer.step()
    return loss.item()


def _g_update(generator, discriminator, g_optimizer, fake):
    generator.zero_grad()
    for parameter in discriminator.parameters():
        parameter.requires_grad_(False)
    try:
        logits = discriminator(fake)
        loss = criterion(logits, torch.ones_like(logits))
        loss.backward()
    finally:
        for parameter in discriminator.parameters():
            parameter.requires_grad_(True)
    g_optimizer.step()
    return loss.item()


def discriminator_step(generator, discriminator, d_optimizer, real, z):
    with torch.no_grad():
        fake = generator(z)
    return _d_update(discriminator, d_optimizer, real, fake)


def generator_step(generator, discriminator, g_optimizer, z):
    return _g_update(generator, discriminator, g_optimizer, generator(z))


def train_gan_step(generator, discriminator, g_optimizer, d_optimizer, real, z):
    fake = generator(z)
    d_loss = _d_update(discriminator, d_optimizer, real, fake)
    g_loss = _g_update(generator, discriminator, g_optimizer, fake)
    return d_loss, g_loss
