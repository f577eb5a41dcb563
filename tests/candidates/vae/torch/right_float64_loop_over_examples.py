"""Right: float64 inside, one example at a time, softplus as logaddexp(0, l) (F.softplus
computes log1p(exp(l)) below its threshold and overflows), cast back to the input's dtype."""
import torch


def reparameterize(mu, logvar, eps):
    return (mu.double() + torch.sqrt(torch.exp(logvar.double())) * eps.double()).to(mu.dtype)


def vae_loss(x, x_recon_logits, mu, logvar, beta=1.0, reduction="mean"):
    losses = []
    for b in range(x.shape[0]):
        l, t = x_recon_logits[b].double(), x[b].double()
        recon = (torch.logaddexp(torch.zeros_like(l), l) - t * l).sum()
        m, v = mu[b].double(), logvar[b].double()
        kl = -0.5 * torch.sum(1 + v - m * m - torch.exp(v))
        losses.append(recon + beta * kl)
    loss = torch.stack(losses)
    loss = loss.mean() if reduction == "mean" else loss.sum()
    return loss.to(x.dtype)
