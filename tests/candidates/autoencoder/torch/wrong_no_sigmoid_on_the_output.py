"""Wrong: decode returns the last layer's logits, no sigmoid (and train_step's loss takes them as logits)."""
# expect-fail: decode[*] forward[*]
# hint: activations
import torch
from torch import nn
from torch.nn import functional as F


def _linears(widths: list[int]) -> nn.ModuleList:
    return nn.ModuleList(nn.Linear(a, b) for a, b in zip(widths[:-1], widths[1:]))


class AutoEncoder(nn.Module):
    def __init__(self, in_dim: int, hidden_dims: list[int], latent_dim: int):
        super().__init__()
        widths = [in_dim, *hidden_dims, latent_dim]
        self.encoder = _linears(widths)
        self.decoder = _linears(widths[::-1])  # the mirror image: latent_dim back up to in_dim

    def encode(self, x: torch.Tensor) -> torch.Tensor:
        for layer in self.encoder[:-1]:
            x = torch.relu(layer(x))
        return self.encoder[-1](x)  # the code is linear: no ReLU on the bottleneck

    def decode(self, z: torch.Tensor) -> torch.Tensor:
        for layer in self.decoder[:-1]:
            z = torch.relu(layer(z))
        return self.decoder[-1](z)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.decode(self.encode(x))


def train_step(model: nn.Module, optimizer: torch.optim.Optimizer, x: torch.Tensor,
               noise_std: float = 0.0, generator: torch.Generator | None = None) -> float:
    inputs = x
    if noise_std > 0:  # denoising: corrupt the input only; the target stays the clean x
        noise = torch.randn(x.shape, generator=generator, dtype=x.dtype, device=x.device)
        inputs = x + noise_std * noise
    optimizer.zero_grad()
    loss = F.binary_cross_entropy(model(inputs), x, reduction="sum") / x.shape[0]
    loss.backward()
    optimizer.step()
    return loss.item()  # computed before the step
