"""The statement's example, for `kit run autoencoder`: its weights loaded into your module, then encode
and forward. train_step is not run here: a step cannot hand it your model and an optimizer."""


def example(track: str) -> list[dict]:
    import torch

    weights = {"encoder.0.weight": torch.tensor([[1.0, -1.0]]), "encoder.0.bias": torch.tensor([0.0]),
               "decoder.0.weight": torch.tensor([[2.0], [-2.0]]), "decoder.0.bias": torch.tensor([0.0, 0.0])}
    x = torch.tensor([[1.0, 0.0], [0.0, 1.0]])
    return [{"construct": "AutoEncoder", "args": {"in_dim": 2, "hidden_dims": [], "latent_dim": 1}},
            {"method": "load_state_dict", "args": {"state_dict": weights}},
            {"method": "encode", "args": {"x": x}},
            {"method": "forward", "args": {"x": x}}]
