"""The statement's example, for `kit run llama_block`: the steps to run on your code and the reference's.
The whole sequence, then its first two tokens alone: causal attention gives them the same outputs.
Decoding on from that cache is not run here: a step cannot hand your block back its own cache."""


def example(track: str) -> list[dict]:
    import torch

    x = torch.randn(1, 3, 8, generator=torch.Generator().manual_seed(0))
    return [{"construct": "LlamaBlock", "args": {"dim": 8, "num_heads": 4, "num_kv_heads": 2, "hidden_dim": 16}},
            {"method": "forward", "args": {"x": x}},
            {"method": "forward", "args": {"x": x[:, :2]}}]
