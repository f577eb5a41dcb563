"""Grader for vae (torch): reparameterize on the grader's noise (σ = exp(logvar / 2)), and the
negative ELBO: BCE-with-logits summed over features, beta times the KL to N(0, I) summed over
latent dimensions, the per-example losses averaged or summed over the batch; stable for huge
logits; the gradients of every floating input for a random upstream gradient."""
import pytest

from interviewkit.grader import check_function, sibling

shared = sibling(__file__, "cases")


@pytest.mark.parametrize("case", shared.reparameterize_cases(), ids=str)
def test_reparameterize(grading, case):
    check_function(grading, "reparameterize", case, shared.reparameterize_reference,
                   diagnoses=shared.REPARAMETERIZE_DIAGNOSES)


@pytest.mark.parametrize("case", shared.loss_cases(), ids=str)
def test_vae_loss(grading, case):
    check_function(grading, "vae_loss", case, shared.vae_loss_reference, diagnoses=shared.LOSS_DIAGNOSES)
