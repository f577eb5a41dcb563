"""Classic Llama-block bugs: the float64 reference block with one bug switched on, and the cause each
is diagnosed as (katas/llama_block/hints.toml, [causes], explains each; the proofs' `# hint:` lines
prove where each leads).

Each is a variant of the oracle's call on (x, past_kv), with its weights: check_module's diagnoses
for a call on a whole sequence (held to a float64 run of the candidate's block: float32 hides the
float32 angles), and the decoding test's, where a failing call is held to each bug's call on the
reference's cache of the calls before."""
from __future__ import annotations

import torch

from interviewkit.grader import Diagnosis, sibling

shared = sibling(__file__, "cases")

BUGS = ("post-norm", "residual-around-the-normalised-input", "eps-outside-the-square-root", "rope-angles-in-float32",
        "interleaved-rope", "rope-on-v", "rope-not-on-k", "positions-not-offset-by-the-past", "cache-keys-before-rope",
        "causal-mask-ignores-the-past", "kv-heads-tiled-not-grouped")


class BuggyRMSNorm(shared.ReferenceRMSNorm):
    bug = ""

    def forward(self, x):
        if self.bug != "eps-outside-the-square-root":
            return super().forward(x)
        return x / (torch.sqrt((x * x).mean(dim=-1, keepdim=True)) + self.eps) * self.weight


class BuggyAttention(shared.ReferenceAttention):
    bug = ""

    def rotate(self, x, positions):
        if self.bug == "rope-angles-in-float32":  # Hugging Face's table, in float32 whatever x's dtype
            inv_freq = 1.0 / self.rope_base ** (torch.arange(0, self.head_dim, 2).float() / self.head_dim)
            angles = (positions.float()[:, None] * inv_freq[None, :]).repeat(1, 2)
            half = self.head_dim // 2
            turned = torch.cat([-x[..., half:], x[..., :half]], dim=-1)
            return x * angles.cos().to(x.dtype) + turned * angles.sin().to(x.dtype)
        if self.bug == "interleaved-rope":  # pairs (0, 1), (2, 3), ...
            inv_freq = self.rope_base ** (-torch.arange(0, self.head_dim, 2, dtype=torch.float64) / self.head_dim)
            angles = (positions[:, None] * inv_freq[None, :]).repeat_interleave(2, dim=-1)
            turned = torch.stack([-x[..., 1::2], x[..., 0::2]], dim=-1).flatten(-2)
            return x * angles.cos() + turned * angles.sin()
        return super().rotate(x, positions)

    def forward(self, x, past_kv=None):
        bug, new = self.bug, x.shape[1]
        past = 0 if past_kv is None else past_kv[0].shape[2]
        start = 0 if bug == "positions-not-offset-by-the-past" else past
        positions = torch.arange(start, start + new, dtype=torch.float64)
        q = self.rotate(self.heads(self.q_proj(x), self.num_heads), positions)
        k = self.heads(self.k_proj(x), self.num_kv_heads)
        k = k if bug in ("rope-not-on-k", "cache-keys-before-rope") else self.rotate(k, positions)
        v = self.heads(self.v_proj(x), self.num_kv_heads)
        v = self.rotate(v, positions) if bug == "rope-on-v" else v
        if past_kv is not None:
            k, v = torch.cat([past_kv[0], k], dim=2), torch.cat([past_kv[1], v], dim=2)
        total = k.shape[2]
        keys = self.rotate(k, torch.arange(0, total, dtype=torch.float64)) if bug == "cache-keys-before-rope" else k
        group = self.num_heads // self.num_kv_heads
        if bug == "kv-heads-tiled-not-grouped":
            keys, values = keys.repeat(1, group, 1, 1), v.repeat(1, group, 1, 1)
        else:
            keys, values = keys.repeat_interleave(group, dim=1), v.repeat_interleave(group, dim=1)
        allowed = torch.ones(new, total, dtype=torch.bool).tril(0 if bug == "causal-mask-ignores-the-past" else
                                                                 total - new)
        scores = (q @ keys.transpose(-2, -1) / self.head_dim ** 0.5).masked_fill(~allowed, -torch.inf)
        out = torch.softmax(scores, dim=-1) @ values
        return self.o_proj(out.transpose(1, 2).flatten(2)), (k, v)


class BuggyBlock(shared.ReferenceLlamaBlock):
    def __init__(self, bug: str, **init):
        super().__init__(**init)
        self.bug = bug
        for module in self.modules():
            if isinstance(module, shared.ReferenceRMSNorm):
                module.__class__, module.bug = BuggyRMSNorm, bug
            elif isinstance(module, shared.ReferenceAttention):
                module.__class__, module.bug = BuggyAttention, bug

    def forward(self, x, past_kv=None):
        if self.bug == "post-norm":
            attended, cache = self.self_attn(x, past_kv)
            h = self.input_layernorm(x + attended)
            return self.post_attention_layernorm(h + self.mlp(h)), cache
        if self.bug == "residual-around-the-normalised-input":
            normed = self.input_layernorm(x)
            attended, cache = self.self_attn(normed, past_kv)
            h = normed + attended
            return h + self.mlp(self.post_attention_layernorm(h)), cache
        return super().forward(x, past_kv)


def buggy(shape, oracle, bug: str) -> BuggyBlock:
    block = BuggyBlock(bug, **shape.init())
    block.load_state_dict(oracle.state_dict())
    return block


def diagnoses(shape) -> tuple[Diagnosis, ...]:
    """Each bug, run on the oracle's weights, as a Diagnosis whose variant takes (oracle, x, past_kv)."""
    def variant(bug):
        return torch.no_grad()(lambda oracle, x, past_kv=None: buggy(shape, oracle, bug)(x, past_kv))
    return tuple(Diagnosis(bug, variant(bug)) for bug in BUGS)
