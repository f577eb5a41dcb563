"""The statement's example, for `kit run beam_search`: the steps to run on your code and the reference's,
step_fn reading the statement's log-probabilities from a table (by prefix length and last token)."""


def example(track: str) -> list[dict]:
    import numpy as np

    from interviewkit.grader import step_table

    table = np.zeros((2, 3, 3))               # (max_len, V, V): table[t - 1, last token]
    table[0, 0] = [-4.0, -2.0, -1.0]          # after [0]
    table[1, 1] = [-4.0, -8.0, -0.5]          # after [0, 1]
    search = {"bos_id": 0, "eos_id": 2, "beam_size": 2, "max_len": 2}
    return [{"call": "beam_search", "args": {"step_fn": step_table(table), **search, "length_penalty": 2.0}},
            # [([0, 1, 2], -0.625), ([0, 2], -1.0)]
            {"call": "beam_search", "args": {"step_fn": step_table(table), **search, "length_penalty": 1.0}}]
            # [([0, 2], -1.0), ([0, 1, 2], -1.25)]
