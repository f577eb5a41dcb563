"""Right: the BCE written by hand, stable (max(l, 0) + log1p(exp(-|l|)) - x·l), the KL as
0.5·(σ² + mu² - 1 - log σ²), the batch reduced by a division."""
import torch


def reparameterize(mu, logvar, eps):
    std = torch.exp(logvar / 2)
    return eps * std + mu


def vae_loss(x, x_recon_logits, mu, logvar, beta=1.0, reduction="mean"):
    l = x_recon_logits
    bce = torch.clamp(l, min=0) + torch.log1p(torch.exp(-l.abs())) - x * l
    kl = 0.5 * (logvar.exp() + mu.pow(2) - 1 - logvar)
    total = bce.sum() + beta * kl.sum()
    return total / x.shape[0] if reduction == "mean" else total
