"""A small case of the statement's, for `kit run grouped_query_attention`: 4 query heads over 2 kv heads
(head_dim 2), 3 tokens in one call, then the third alone after a cache of the first two, which gives
the first call's last output row again and the same cache."""


def example(track: str) -> list[dict]:
    import torch

    generator = torch.Generator().manual_seed(0)
    state = {f"{name}.weight": torch.randn(rows, 8, generator=generator).div(4).round(decimals=2)
             for name, rows in (("q_proj", 8), ("k_proj", 4), ("v_proj", 4), ("out_proj", 8))}
    x = torch.linspace(-1.0, 1.0, 24).reshape(1, 3, 8)  # (B, T, embed_dim)

    def cached(name):  # the first two tokens' keys or values, (B, num_kv_heads, 2, head_dim)
        return (x[0, :2] @ state[f"{name}_proj.weight"].T).reshape(1, 2, 2, 2).transpose(1, 2)

    return [{"construct": "GroupedQueryAttention", "args": {"embed_dim": 8, "num_heads": 4, "num_kv_heads": 2}},
            {"method": "load_state_dict", "args": {"state_dict": state}},
            {"method": "forward", "args": {"x": x}},
            {"method": "forward", "args": {"x": x[:, 2:], "past_kv": (cached("k"), cached("v"))}}]
