"""Right: the library's BCE with reduction="sum", divided by B for "mean"."""
import torch
import torch.nn.functional as F


def reparameterize(mu, logvar, eps):
    return mu + torch.exp(0.5 * logvar) * eps


def vae_loss(x, x_recon_logits, mu, logvar, beta=1.0, reduction="mean"):
    recon = F.binary_cross_entropy_with_logits(x_recon_logits, x, reduction="sum")
    kl = -0.5 * torch.sum(1 + logvar - mu**2 - logvar.exp())
    loss = recon + beta * kl
    return loss / x.size(0) if reduction == "mean" else loss
