"""Classic bug: z = mu + logvar·eps, the log-variance used as σ itself."""
# expect-fail: reparameterize[batch_of_latent_codes] reparameterize[very_positive_logvar]
# hint: log-variance-not-log-std
import torch
import torch.nn.functional as F


def reparameterize(mu, logvar, eps):
    return mu + logvar * eps


def vae_loss(x, x_recon_logits, mu, logvar, beta=1.0, reduction="mean"):
    recon = F.binary_cross_entropy_with_logits(x_recon_logits, x, reduction="none").sum(dim=1)
    kl = -0.5 * (1 + logvar - mu**2 - torch.exp(logvar)).sum(dim=1)
    loss = recon + beta * kl
    return loss.mean() if reduction == "mean" else loss.sum()
