"""Classic bug: a rejection resamples from the target p itself, not from norm(max(0, p - q))."""
# expect-fail: sampling_round[two_draft_tokens_after_a_longer_prefix_in_float32] sampling_round[a_draft_that_prefers_what_the_target_does_not] sampling_round[a_prefix_of_one_token_and_a_vocabulary_of_two]
# hint: accept-and-resample
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
            residual = p[i]
            fixed = torch.multinomial(residual / residual.sum(), 1, generator=generator)
            return torch.cat([*drafted[:i], fixed])
    bonus = torch.multinomial(p[k], 1, generator=generator)                    # every draft accepted
    return torch.cat([*drafted, bonus])


def speculative_greedy_round(prefix, draft_fn, target_fn, k):
    drafted = []
    for _ in range(k):
        drafted.append(draft_fn(torch.cat([prefix, *drafted])[None]).argmax(-1))
    best = [target_fn(torch.cat([prefix, *drafted[:i]])[None]).argmax(-1) for i in range(k + 1)]
    for i, token in enumerate(drafted):
        if token != best[i]:
            return torch.cat([*drafted[:i], best[i]])
    return torch.cat([*drafted, best[k]])
