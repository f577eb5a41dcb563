"""Classic grouped-query attention bugs: the float64 reference with one bug switched on, and the
cause each is diagnosed as (katas/grouped_query_attention/hints.toml, [causes], explains each; the
proofs' `# hint:` lines prove where each leads).

Each is a variant of the oracle's call on (x, past_kv), with its weights: check_module's diagnoses
for a call on a whole sequence, and the decoding test's, where a failing call is held to each bug's
call on the reference's cache of the calls before."""
from __future__ import annotations

import math

import torch

from interviewkit.grader import Diagnosis, sibling

shared = sibling(__file__, "cases")

BUGS = ("kv-heads-tiled-not-grouped", "scores-scaled-by-embed-dim", "cache-holds-only-the-new-tokens",
        "mask-not-offset-by-the-past", "mask-only-without-a-past")


class BuggyAttention(shared.ReferenceGroupedQueryAttention):
    def __init__(self, bug: str, **init):
        super().__init__(**init)
        self.bug = bug

    def forward(self, x, past_kv=None):
        bug = self.bug
        q = self.heads(self.q_proj(x), self.num_heads)
        new_k, new_v = self.heads(self.k_proj(x), self.num_kv_heads), self.heads(self.v_proj(x), self.num_kv_heads)
        k, v = new_k, new_v
        if past_kv is not None:
            k, v = torch.cat([past_kv[0], k], dim=2), torch.cat([past_kv[1], v], dim=2)
        group = self.num_heads // self.num_kv_heads
        if bug == "kv-heads-tiled-not-grouped":
            keys, values = k.repeat(1, group, 1, 1), v.repeat(1, group, 1, 1)
        else:
            keys, values = k.repeat_interleave(group, dim=1), v.repeat_interleave(group, dim=1)
        new, total = x.shape[1], k.shape[2]
        width = self.num_heads * self.head_dim if bug == "scores-scaled-by-embed-dim" else self.head_dim
        scores = q @ keys.transpose(-2, -1) / math.sqrt(width)
        if not (bug == "mask-only-without-a-past" and past_kv is not None):
            shift = 0 if bug == "mask-not-offset-by-the-past" else total - new
            scores = scores.masked_fill(~torch.ones(new, total, dtype=torch.bool).tril(shift), -math.inf)
        out = self.out_proj((torch.softmax(scores, dim=-1) @ values).transpose(1, 2).flatten(2))
        return out, ((new_k, new_v) if bug == "cache-holds-only-the-new-tokens" else (k, v))


def diagnoses(shape) -> tuple[Diagnosis, ...]:
    """Each bug, run on the oracle's weights, as a Diagnosis whose variant takes (oracle, x, past_kv)."""
    def variant(bug):
        return torch.no_grad()(lambda oracle, x, past_kv=None: buggy(shape, oracle, bug)(x, past_kv))
    return tuple(Diagnosis(bug, variant(bug)) for bug in BUGS)


def buggy(shape, oracle, bug: str) -> BuggyAttention:
    twin = BuggyAttention(bug, **shape.init())
    twin.load_state_dict(oracle.state_dict())
    return twin
