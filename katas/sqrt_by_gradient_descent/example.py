"""The statement's example, for `kit run sqrt_by_gradient_descent`: the steps to run on your code
and the reference's."""


def example(track: str) -> list[dict]:
    if track == "torch":
        import torch

        a = torch.tensor([2.0, 1e8, 0.0, 4.0], dtype=torch.float64)  # each element stops on its own
        return [{"call": "sqrt_gd", "args": {"a": a}},
                {"call": "sqrt_gd", "args": {"a": a, "max_iters": 3}}]
    return [{"call": "sqrt_gd", "args": {"a": 2.0}},                    # (1.4142142299947444, 75)
            {"call": "sqrt_gd", "args": {"a": 2.0, "max_iters": 3}},    # the iterate, not √2
            {"call": "sqrt_gd", "args": {"a": 1e8}}]                    # (10000.004847174452, 100)
