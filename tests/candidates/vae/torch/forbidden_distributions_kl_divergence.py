"""Forbidden: torch.distributions' closed-form KL between two Normals."""
import torch
import torch.nn.functional as F
from torch.distributions import Normal, kl_divergence


def reparameterize(mu, logvar, eps):
    return mu + torch.exp(0.5 * logvar) * eps


def vae_loss(x, x_recon_logits, mu, logvar, beta=1.0, reduction="mean"):
    recon = F.binary_cross_entropy_with_logits(x_recon_logits, x, reduction="none").sum(dim=1)
    q = Normal(mu, torch.exp(0.5 * logvar))
    kl = kl_divergence(q, Normal(torch.zeros_like(mu), torch.ones_like(mu))).sum(dim=1)
    loss = recon + beta * kl
    return loss.mean() if reduction == "mean" else loss.sum()
