"""Classic bug: the greedy round scores a position with the target only when the one before it was accepted."""
# expect-fail: greedy_round[the_first_draft_token_rejected] greedy_round[independent_models_agree_now_and_then] greedy_round[independent_models_in_float32] greedy_round[ties_go_to_the_lower_index] greedy_round[rejected_in_the_middle]
# hint: calls-and-shapes
import torch


def speculative_round(prefix, draft_fn, target_fn, k, generator):
    drafted, q = [], []
    for _ in range(k):
        probs = draft_fn(torch.cat([prefix, *drafted])[None]).exp()[0]        # q(· | prefix, drafts so far)
        q.append(probs)
        drafted.append(torch.multinomial(probs, 1, generator=generator))
    # One target score per position, the bonus position k included (one forward pass in a real model).
    p = [target_fn(torch.cat([prefix, *drafted[:i]])[None]).exp()[0].to(q[0] if k else None) for i in range(k + 1)]
    for i, token in enumerate(drafted):
        ratio = p[i][token] / q[i][token]
        if torch.rand(1, generator=generator, dtype=ratio.dtype) >= ratio:   # rejected: accepted w.p. min(1, p/q)
            residual = (p[i] - q[i]).clamp(min=0)
            fixed = torch.multinomial(residual / residual.sum(), 1, generator=generator)
            return torch.cat([*drafted[:i], fixed])
    bonus = torch.multinomial(p[k], 1, generator=generator)                    # every draft accepted
    return torch.cat([*drafted, bonus])


def speculative_greedy_round(prefix, draft_fn, target_fn, k):
    drafted = []
    for _ in range(k):
        drafted.append(draft_fn(torch.cat([prefix, *drafted])[None]).argmax(-1))
    best = []
    for i, token in enumerate(drafted):
        best.append(target_fn(torch.cat([prefix, *drafted[:i]])[None]).argmax(-1))
        if token != best[i]:
            return torch.cat([*drafted[:i], best[i]])
    best.append(target_fn(torch.cat([prefix, *drafted])[None]).argmax(-1))
    return torch.cat([*drafted, best[k]])
