"""Classic bug: "mean" divides the batch's total by x.shape[1] (D) instead of x.shape[0] (B):
right wherever B == D, which is why that case alone cannot catch it."""
# expect-fail: vae_loss[default_beta_mean] vae_loss[beta_4_mean_in_float64] vae_loss[explicit_mean_with_beta_1]
# hint: sum-inside-mean-outside
import torch
import torch.nn.functional as F


def reparameterize(mu, logvar, eps):
    return mu + torch.exp(0.5 * logvar) * eps


def vae_loss(x, x_recon_logits, mu, logvar, beta=1.0, reduction="mean"):
    recon = F.binary_cross_entropy_with_logits(x_recon_logits, x, reduction="none").sum(dim=1)
    kl = -0.5 * (1 + logvar - mu**2 - torch.exp(logvar)).sum(dim=1)
    loss = recon + beta * kl
    return loss.sum() / x.shape[1] if reduction == "mean" else loss.sum()
