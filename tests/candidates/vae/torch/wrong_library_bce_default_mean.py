"""Classic bug: the library's BCE at its default reduction, "mean" over B·D, added to a KL summed
per example and averaged over the batch."""
# expect-fail: vae_loss[default_beta_mean] vae_loss[beta_0_mean_in_float64]
# hint: sum-inside-mean-outside
import torch
import torch.nn.functional as F


def reparameterize(mu, logvar, eps):
    return mu + torch.exp(0.5 * logvar) * eps


def vae_loss(x, x_recon_logits, mu, logvar, beta=1.0, reduction="mean"):
    recon = F.binary_cross_entropy_with_logits(x_recon_logits, x)
    kl = -0.5 * (1 + logvar - mu**2 - torch.exp(logvar)).sum(dim=1)
    if reduction == "mean":
        return recon + beta * kl.mean()
    return recon * x.shape[0] + beta * kl.sum()
