"""Classic bug: the KL's sign flipped (+0.5·Σ(...) is -KL): the loss rewards leaving the prior."""
# expect-fail: vae_loss[default_beta_mean] vae_loss[beta_4_sum_in_float64] vae_loss[very_negative_logvar]
# hint: kl-sign-and-stable-bce
import torch
import torch.nn.functional as F


def reparameterize(mu, logvar, eps):
    return mu + torch.exp(0.5 * logvar) * eps


def vae_loss(x, x_recon_logits, mu, logvar, beta=1.0, reduction="mean"):
    recon = F.binary_cross_entropy_with_logits(x_recon_logits, x, reduction="none").sum(dim=1)
    kl = 0.5 * (1 + logvar - mu**2 - torch.exp(logvar)).sum(dim=1)
    loss = recon + beta * kl
    return loss.mean() if reduction == "mean" else loss.sum()
