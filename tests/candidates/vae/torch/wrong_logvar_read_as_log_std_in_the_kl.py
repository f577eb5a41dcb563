"""Classic bug: the KL of a network predicting log σ (σ² = exp(2·logvar), log σ² = 2·logvar)."""
# expect-fail: vae_loss[default_beta_mean] vae_loss[very_positive_logvar] vae_loss[very_negative_logvar]
# hint: log-variance-not-log-std
import torch
import torch.nn.functional as F


def reparameterize(mu, logvar, eps):
    return mu + torch.exp(0.5 * logvar) * eps


def vae_loss(x, x_recon_logits, mu, logvar, beta=1.0, reduction="mean"):
    recon = F.binary_cross_entropy_with_logits(x_recon_logits, x, reduction="none").sum(dim=1)
    kl = -0.5 * (1 + 2 * logvar - mu**2 - torch.exp(2 * logvar)).sum(dim=1)
    loss = recon + beta * kl
    return loss.mean() if reduction == "mean" else loss.sum()
