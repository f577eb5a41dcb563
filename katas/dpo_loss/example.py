"""The statement's example, for `kit run dpo_loss`: the steps to run on your code and the
reference's."""


def example(track: str) -> list[dict]:
    import torch

    sequence = {"logits": torch.tensor([[[0.0, 0.0], [2.0, 0.0], [0.0, 0.0]]]),   # (1, 3, 2)
                "labels": torch.tensor([[1, 0, 1]]),
                "loss_mask": torch.tensor([[False, True, True]])}                 # [-2.8201]
    pair = {"policy_chosen_logps": torch.tensor([-10.0]), "policy_rejected_logps": torch.tensor([-14.0]),
            "ref_chosen_logps": torch.tensor([-12.0]), "ref_rejected_logps": torch.tensor([-13.0])}
    return [{"call": "sequence_logps", "args": sequence},
            {"call": "dpo_loss", "args": pair},                                   # [0.5544], [0.2], [-0.1]
            {"call": "dpo_loss", "args": {**pair, "label_smoothing": 0.1}}]       # [0.5844], ...
