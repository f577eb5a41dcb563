"""The statement's example, for `kit run speculative_decoding`: greedy rounds on the steps to run
on your code and the reference's. The sampling round is left out: its tokens hang on the order of
its draws, which is yours, so a right answer may differ from the reference's on one seed."""


def example(track: str) -> list[dict]:
    import torch

    from interviewkit.grader import step_table

    # Next-token probabilities after each last token (0, 1, 2), the same at every length (up to 3).
    draft = torch.tensor([[0.2, 0.2, 0.6], [0.1, 0.3, 0.6], [0.5, 0.3, 0.2]])   # q
    target = torch.tensor([[0.6, 0.3, 0.1], [0.2, 0.3, 0.5], [0.7, 0.2, 0.1]])  # p
    models = {"draft_fn": step_table(draft.log().repeat(3, 1, 1)),
              "target_fn": step_table(target.log().repeat(3, 1, 1))}
    return [{"call": "speculative_greedy_round",   # the draft says 2, the target 0: [0]
             "args": {"prefix": torch.tensor([0]), **models, "k": 1}},
            {"call": "speculative_greedy_round",   # 2 and 0 accepted, then the bonus 0: [2, 0, 0]
             "args": {"prefix": torch.tensor([1]), **models, "k": 2}}]
