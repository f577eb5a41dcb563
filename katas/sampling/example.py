"""The statement's example, for `kit run sampling`: the steps to run on your code and the reference's.
sample draws from a generator seeded 0 on each side; another correct sampler may draw other tokens,
but only tokens 0 or 1 in row 1 and 1 or 4 in row 2."""


def example(track: str) -> list[dict]:
    import torch

    from interviewkit.grader import torch_generator

    x = torch.tensor([[2.0, 1.0, 0.5, 0.0, -1.0], [0.0, 3.0, 1.0, 1.0, 2.0]])
    return [{"call": "filter_logits", "args": {"logits": x, "temperature": 0.5}},
            {"call": "filter_logits", "args": {"logits": x, "top_k": 3}},  # row 2: both 1.0 tie for third
            {"call": "filter_logits", "args": {"logits": x, "top_k": 3, "top_p": 0.8}},
            {"call": "sample", "args": {"logits": x, "generator": torch_generator(0), "top_k": 3, "top_p": 0.8}}]
