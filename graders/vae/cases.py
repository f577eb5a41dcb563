"""vae cases and their float64 oracles.

reparameterize: z = mu + exp(0.5·logvar)·eps on the grader's noise. logvar runs to ±20, where σ =
exp(logvar) (the log-std misreading) is e^10 away from the right σ, and where a log-variance read
as a log-std (exp(2·logvar) in the KL) is off by as much.

vae_loss: beta (0, the default 1, and 4) meets both reductions in some case, each in float32 and
float64. Shapes where B == D (a reconstruction averaged over features instead of the batch gives
the same sum / B == sum / D, silently) and where they differ; Z == 1 (the KL averaged over the
latent dimensions cannot be told from the sum there, so most cases have Z > 1) and Z == B; logits
of size 1e3 to 1e4, where log(sigmoid(l)) and log(1 - sigmoid(l)) are log(0) = -inf.
"""
from __future__ import annotations

import torch
import torch.nn.functional as F

from interviewkit.grader import Case, Diagnosis, integers, normal, uniform


def reparameterize_case(name: str, batch: int, latent: int, *, dtype: str = "float32",
                        logvar_scale: float = 1.0, logvar_shift: float = 0.0) -> Case:
    return Case(name, mu=normal((batch, latent), dtype=dtype),
                logvar=normal((batch, latent), scale=logvar_scale, shift=logvar_shift, dtype=dtype),
                eps=normal((batch, latent), dtype=dtype))


def reparameterize_cases() -> list[Case]:
    return [
        reparameterize_case("batch_of_latent_codes", 4, 8),
        reparameterize_case("batch_of_latent_codes_in_float64", 5, 3, dtype="float64"),
        reparameterize_case("batch_equal_to_latent_size", 6, 6),
        reparameterize_case("one_latent_dimension", 5, 1),
        reparameterize_case("one_example", 1, 4, dtype="float64"),
        # σ = e^-10 and e^10: exp(logvar) for σ is off by a factor of e^10 either way.
        reparameterize_case("very_negative_logvar", 3, 4, logvar_shift=-20.0),
        reparameterize_case("very_positive_logvar", 3, 4, logvar_shift=20.0),
        reparameterize_case("logvar_of_every_size_in_float64", 4, 5, dtype="float64", logvar_scale=10.0),
    ]


def reparameterize_reference(mu, logvar, eps):
    return mu + torch.exp(0.5 * logvar) * eps


def loss_case(name: str, batch: int, features: int, latent: int, *, dtype: str = "float32",
              logit_scale: float = 2.0, binary: bool = False, logvar_shift: float = 0.0,
              logvar_scale: float = 1.0, **options) -> Case:
    """Logits ~N(0, logit_scale²); targets binary {0, 1} or grey levels in [0, 1]; mu ~N(0, 1),
    logvar ~N(logvar_shift, logvar_scale²); options (beta, reduction) as given."""
    x = integers((batch, features), 0, 2, dtype=dtype) if binary else uniform((batch, features), 0.0, 1.0, dtype=dtype)
    return Case(name, x=x, x_recon_logits=normal((batch, features), scale=logit_scale, dtype=dtype),
                mu=normal((batch, latent), dtype=dtype),
                logvar=normal((batch, latent), scale=logvar_scale, shift=logvar_shift, dtype=dtype), **options)


def _beta_name(beta) -> str:
    return "default_beta" if beta is None else f"beta_{beta:g}"


def loss_cases() -> list[Case]:
    pairwise = []
    # beta × reduction, each pair in float32 and in float64 (the option left out where at its
    # default, so that the defaults are graded too), B != D and Z > 1.
    for i, beta in enumerate((None, 0.0, 4.0)):
        for j, reduction in enumerate((None, "sum")):
            options = {name: value for name, value in (("beta", beta), ("reduction", reduction)) if value is not None}
            for dtype in ("float32", "float64"):
                name = f"{_beta_name(beta)}_{'mean' if reduction is None else reduction}" + \
                       ("_in_float64" if dtype == "float64" else "")
                pairwise.append(loss_case(name, 3 + i + j, 7 + 2 * i, 4 + j, dtype=dtype, **options))
    return pairwise + [
        loss_case("explicit_mean_with_beta_1", 5, 9, 3, beta=1.0, reduction="mean"),
        loss_case("binary_targets", 4, 12, 3, binary=True, reduction="sum"),
        # sum / B == sum / D here: a reconstruction averaged over features cannot be told apart.
        loss_case("batch_equal_to_features", 6, 6, 3),
        loss_case("batch_equal_to_features_and_latent_size", 4, 4, 4, beta=4.0, dtype="float64"),
        loss_case("one_latent_dimension", 4, 10, 1, beta=4.0),
        loss_case("one_example", 1, 8, 3, reduction="sum"),
        loss_case("one_example_in_float64", 1, 8, 3, dtype="float64"),
        loss_case("one_feature", 5, 1, 2, dtype="float64", beta=4.0, reduction="sum"),
        # log(sigmoid(l)) is log(0) = -inf once exp(-|l|) underflows: a stable BCE is exact here.
        loss_case("huge_logits", 4, 10, 3, logit_scale=1e4, binary=True),
        loss_case("huge_logits_in_float64", 4, 10, 3, logit_scale=1e4, binary=True, dtype="float64"),
        loss_case("huge_logits_with_grey_targets", 3, 7, 2, logit_scale=1e3, beta=0.0, reduction="sum"),
        # σ² of e^-20 and e^20: the KL is dominated by logvar itself, or by exp(logvar).
        loss_case("very_negative_logvar", 4, 6, 5, logvar_shift=-20.0, beta=4.0, reduction="sum"),
        loss_case("very_positive_logvar", 4, 6, 5, logvar_shift=20.0),
        loss_case("logvar_of_every_size_in_float64", 3, 5, 6, logvar_scale=10.0, dtype="float64"),
    ]


def vae_loss_reference(x, x_recon_logits, mu, logvar, beta=1.0, reduction="mean"):
    reconstruction = F.binary_cross_entropy_with_logits(x_recon_logits, x, reduction="none").sum(dim=1)
    kl = -0.5 * (1 + logvar - mu**2 - torch.exp(logvar)).sum(dim=1)
    loss = reconstruction + beta * kl
    return loss.mean() if reduction == "mean" else loss.sum()


# --- diagnoses: the classic bugs, as the references with one bug each (katas/vae/hints.toml [causes]) ---

def _loss_with(bug: str):
    def loss(x, x_recon_logits, mu, logvar, beta=1.0, reduction="mean"):
        bce = F.binary_cross_entropy_with_logits(x_recon_logits, x, reduction="none")
        # Averaged over the features: also what BCE's default reduction ("mean", over B·D) gives.
        reconstruction = bce.mean(dim=1) if bug == "reconstruction-averaged-over-features" else bce.sum(dim=1)
        log_variance = 2 * logvar if bug == "logvar-read-as-log-std" else logvar
        terms = 1 + log_variance - mu**2 - torch.exp(log_variance)
        kl = -0.5 * (terms.mean(dim=1) if bug == "kl-averaged-over-latents" else terms.sum(dim=1))
        kl = -kl if bug == "kl-sign-flipped" else kl
        total = beta * reconstruction + kl if bug == "beta-on-the-reconstruction" else reconstruction + beta * kl
        if reduction != "mean":
            return total.sum()
        return total.sum() / x.shape[1] if bug == "mean-over-the-features" else total.mean()
    return loss


LOSS_BUGS = ("kl-sign-flipped", "kl-averaged-over-latents", "reconstruction-averaged-over-features",
             "mean-over-the-features", "beta-on-the-reconstruction",
             "logvar-read-as-log-std")
LOSS_DIAGNOSES = tuple(Diagnosis(bug, _loss_with(bug)) for bug in LOSS_BUGS)
REPARAMETERIZE_DIAGNOSES = (
    Diagnosis("sigma-is-exp-of-logvar", lambda mu, logvar, eps: mu + torch.exp(logvar) * eps),
    Diagnosis("logvar-used-as-sigma", lambda mu, logvar, eps: mu + logvar * eps),
)
