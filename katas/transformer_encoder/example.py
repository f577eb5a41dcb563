"""The statement's example, for `kit run transformer_encoder`: the position table, then a post-norm layer
(the reference's random weights, loaded into yours) with and without a padding mask (True = padding)."""


def example(track: str) -> list[dict]:
    import torch

    src = torch.linspace(-1.0, 1.0, 48).reshape(2, 3, 8)  # (B, L, d_model)
    padding = torch.tensor([[False, False, True], [False, False, False]])  # sequence 0's token 2 is padding
    return [{"call": "sinusoidal_positions", "args": {"length": 3, "dim": 4}},
            {"construct": "EncoderLayer", "args": {"d_model": 8, "nhead": 2, "dim_feedforward": 16}},
            {"method": "forward", "args": {"src": src}},
            {"method": "forward", "args": {"src": src, "src_key_padding_mask": padding}}]
