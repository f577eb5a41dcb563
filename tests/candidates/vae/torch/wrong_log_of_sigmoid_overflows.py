"""Classic bug: BCE as -(x·log σ(l) + (1 - x)·log(1 - σ(l))): log(0) = -inf for huge logits."""
# expect-fail: vae_loss[huge_logits] vae_loss[huge_logits_in_float64]
# hint: kl-sign-and-stable-bce
import torch
import torch.nn.functional as F


def reparameterize(mu, logvar, eps):
    return mu + torch.exp(0.5 * logvar) * eps


def vae_loss(x, x_recon_logits, mu, logvar, beta=1.0, reduction="mean"):
    p = torch.sigmoid(x_recon_logits)
    recon = -(x * torch.log(p) + (1 - x) * torch.log(1 - p)).sum(dim=1)
    kl = -0.5 * (1 + logvar - mu**2 - torch.exp(logvar)).sum(dim=1)
    loss = recon + beta * kl
    return loss.mean() if reduction == "mean" else loss.sum()
