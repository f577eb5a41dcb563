"""D is taught to call the real samples fake and the fake ones real: the labels are swapped."""
# expect-fail: discriminator_step[*] train_gan_step[*]
# hint: labels-and-signs
import torch
from torch import nn
from torch.nn import functional as F


class MLP(nn.Module):
    def __init__(self, in_dim: int, hidden_dim: int, out_dim: int):
        super().__init__()
        self.net = nn.Sequential(nn.Linear(in_dim, hidden_dim), nn.ReLU(), nn.Linear(hidden_dim, out_dim))

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.net(x)


def _bce(logits: torch.Tensor, label: float) -> torch.Tensor:
    # Logits in, never probabilities: the loss applies the sigmoid itself, stably.
    return F.binary_cross_entropy_with_logits(logits, torch.full_like(logits, label))


def discriminator_step(generator: nn.Module, discriminator: nn.Module, d_optimizer: torch.optim.Optimizer,
                       real: torch.Tensor, z: torch.Tensor) -> float:
    fake = generator(z).detach()  # D's loss must not reach G
    d_optimizer.zero_grad()       # D may still hold the gradients of G's last step
    loss = _bce(discriminator(real), 0.0) + _bce(discriminator(fake), 1.0)
    loss.backward()
    d_optimizer.step()
    return loss.item()


def generator_step(generator: nn.Module, discriminator: nn.Module, g_optimizer: torch.optim.Optimizer,
                   z: torch.Tensor) -> float:
    g_optimizer.zero_grad()
    loss = _bce(discriminator(generator(z)), 1.0)  # non-saturating: fool D into saying "real"
    loss.backward()   # fills D's gradients too; only g_optimizer steps
    g_optimizer.step()
    return loss.item()


def train_gan_step(generator: nn.Module, discriminator: nn.Module, g_optimizer: torch.optim.Optimizer,
                   d_optimizer: torch.optim.Optimizer, real: torch.Tensor, z: torch.Tensor) -> tuple[float, float]:
    d_loss = discriminator_step(generator, discriminator, d_optimizer, real, z)
    g_loss = generator_step(generator, discriminator, g_optimizer, z)
    return d_loss, g_loss
