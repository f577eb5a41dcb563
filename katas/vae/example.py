"""The statement's example, for `kit run vae`: the steps to run on your code and the reference's."""


def example(track: str) -> list[dict]:
    import torch

    x = torch.tensor([[1.0, 0.0, 1.0], [0.0, 0.0, 1.0]])
    logits = torch.tensor([[2.0, -1.0, 0.0], [-3.0, 1.0, 4.0]])
    mu = torch.tensor([[0.0, 1.0], [0.5, -0.5]])
    logvar = torch.tensor([[0.0, 0.0], [-1.0, 1.0]])
    loss = {"x": x, "x_recon_logits": logits, "mu": mu, "logvar": logvar}
    return [{"call": "vae_loss", "args": loss},
            {"call": "vae_loss", "args": {**loss, "beta": 4.0, "reduction": "sum"}},
            {"call": "reparameterize", "args": {"mu": mu, "logvar": logvar,
                                                "eps": torch.tensor([[1.0, -1.0], [2.0, 0.5]])}}]
