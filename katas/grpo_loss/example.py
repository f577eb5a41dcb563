"""The statement's example, for `kit run grpo_loss`: the steps to run on your code and the reference's."""


def example(track: str) -> list[dict]:
    import torch

    rewards = torch.tensor([1.0, 0.0, 0.0, 1.0, 1.0, 1.0, 1.0, 1.0])  # two prompts of G = 4
    batch = {"logps": torch.tensor([[-1.0, -0.5, -2.0], [-1.0, -3.0, -0.2]]),
             "old_logps": torch.tensor([[-1.5, -0.5, -2.0], [-0.5, -3.2, -0.2]]),
             "advantages": torch.tensor([1.0, -2.0]),
             "mask": torch.tensor([[True, True, False], [True, True, True]])}
    ref_logps = torch.tensor([[-1.0, -1.0, -1.0], [-1.0, -2.0, -1.0]])
    return [{"call": "group_advantages", "args": {"rewards": rewards, "group_size": 4}},
            {"call": "grpo_loss", "args": batch},
            {"call": "grpo_loss", "args": {**batch, "ref_logps": ref_logps, "beta": 0.1}},
            {"call": "grpo_loss", "args": {**batch, "clip_eps": 0.5}}]
