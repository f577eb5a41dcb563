"""moe_router cases and the float64 oracle: `moe_forward(x, router_weight, experts, top_k)`.

Routing is a discrete choice: where two experts nearly tie at the k-th place, float32 and float64
may route a token differently and no tolerance can save the comparison. So each case fixes its
router weights (drawn once from the case's name, printed in the failure's snippet) and draws its
tokens by rejection: a token is kept only when its k-th and (k+1)-th logits differ by at least
GAP (about 1e6 times a float32 logit's rounding), and when its top k avoid the experts a case
starves and hold the ones it floods. Every seed then routes exactly as its plan says.

Known-wrong solutions (tests/candidates/moe_router/torch/wrong_*.py), one bug each:
  wrong_weights_not_renormalised      the k probabilities used as they are
  wrong_experts_called_per_token      one call per (token, slot): the right numbers, T·k calls
  wrong_every_expert_on_every_token   dense: every expert runs on all T tokens, then is masked
  wrong_aux_fraction_from_probabilities  f = the routed probability mass, not the count of pairs
  wrong_aux_gradient_through_the_fraction  f's value right, but a straight-through gradient
  wrong_aux_without_the_factor_e      sum_i f_i·P_i, not E times it
  wrong_aux_fraction_over_t_times_k   f divided by T·k (a share of slots): Mixtral divides by T
  wrong_top_k_over_the_tokens         topk over dim 0, the tokens, not the experts
  wrong_router_weight_not_transposed  x @ router_weight: runs only where D == E
"""
from __future__ import annotations

import math
import zlib
from dataclasses import dataclass

import numpy as np
import torch
import torch.nn.functional as F

from interviewkit.grader import Case, Recipe, _, given, linear, mlp, normal

# The least difference between a token's k-th and (k+1)-th logits: logits are ~N(0, 1), a float32
# logit is rounded by ~1e-7, so no rounding moves a token across it.
GAP = 0.1


@dataclass(frozen=True)
class routed_tokens(Recipe):
    """`count` tokens ~N(0, 1) of the router's width, drawn one by one and kept only where the
    router `weights` (E, D) separate the top `top_k` from the rest by GAP, the top k hold none of
    `avoid` and all of `always`."""

    count: int
    weights: tuple[tuple[float, ...], ...]
    top_k: int
    avoid: tuple[int, ...] = ()
    always: tuple[int, ...] = ()
    dtype: str = "float32"

    def _kept(self, logits: np.ndarray) -> bool:
        order = np.argsort(-logits)
        chosen = set(order[:self.top_k].tolist())
        separated = self.top_k == len(logits) or logits[order[self.top_k - 1]] - logits[order[self.top_k]] >= GAP
        return separated and not chosen & set(self.avoid) and set(self.always) <= chosen

    def draw(self, rng):
        weights, rows = np.array(self.weights), []
        for _ in range(1000 * self.count):
            row = rng.standard_normal(weights.shape[1])
            if self._kept(weights @ row):
                rows.append(row)
                if len(rows) == self.count:
                    return np.array(rows)
        raise ValueError(f"no {self.count} tokens fit the plan of {self.describe()}: loosen it")

    def lines(self, name):
        k, experts = self.top_k, len(self.weights)
        return [f"w = np.array({[list(row) for row in self.weights]!r})",
                "rows = []",
                f"while len(rows) < {self.count}:",
                "    row = rng.standard_normal(w.shape[1])",
                "    logits = w @ row",
                "    order = np.argsort(-logits)",
                f"    chosen = set(order[:{k}].tolist())",
                f"    separated = {k} == {experts} or logits[order[{k - 1}]] - logits[order[{k}]] >= {GAP!r}",
                f"    if separated and not chosen & set({list(self.avoid)!r}) and set({list(self.always)!r}) <= chosen:",
                "        rows.append(row)",
                f"{name} = np.array(rows).astype(np.{self.dtype})"]

    def describe(self):
        plan = "".join([_(", no token to experts {experts}").format(experts=list(self.avoid)) if self.avoid else "",
                        _(", every token to experts {experts}").format(experts=list(self.always)) if self.always else ""])
        return _("{dtype} {shape} ~N(0, 1), top {k} of {experts} experts apart by >= {gap} in logits").format(
            dtype=self.dtype, shape=f"({self.count}, {len(self.weights[0])})", k=self.top_k, experts=len(self.weights),
            gap=f"{GAP:g}") + plan


def router(name: str, experts: int, dim: int) -> tuple[tuple[float, ...], ...]:
    """The case's router weights (E, D) ~N(0, 1/D), so that logits are ~N(0, 1): drawn once from
    its name, rounded to 3 decimals to print short."""
    rng = np.random.default_rng(zlib.crc32(name.encode()))
    weights = np.round(rng.standard_normal((experts, dim)) / math.sqrt(dim), 3)
    return tuple(tuple(float(v) for v in row) for row in weights)


def linear_experts(experts: int, dim: int, dtype: str, bias: bool = True) -> list:
    return [linear(normal((dim, dim), scale=1 / math.sqrt(dim), dtype=dtype),
                   normal((dim,), scale=0.5, dtype=dtype) if bias else None, recorded=True)
            for _ in range(experts)]


def mlp_experts(experts: int, dim: int, hidden: int, dtype: str) -> list:
    return [mlp(normal((hidden, dim), scale=1 / math.sqrt(dim), dtype=dtype), normal((hidden,), scale=0.5, dtype=dtype),
                normal((dim, hidden), scale=1 / math.sqrt(hidden), dtype=dtype), normal((dim,), scale=0.5, dtype=dtype))
            for _ in range(experts)]


def moe_case(name: str, tokens: int, dim: int, experts: int, top_k: int, *, dtype: str = "float32",
             hidden: int | None = None, bias: bool = True, avoid=(), always=()) -> Case:
    """T tokens of width D routed to the top k of E experts: linear ones, or MLPs of width `hidden`."""
    weights = router(name, experts, dim)
    made = (mlp_experts(experts, dim, hidden, dtype) if hidden else linear_experts(experts, dim, dtype, bias))
    return Case(name, x=routed_tokens(tokens, weights, top_k, tuple(avoid), tuple(always), dtype),
                router_weight=given(weights, dtype), experts=made, top_k=top_k)


def cases() -> list[Case]:
    return [
        moe_case("top_two_of_four_experts", 6, 5, 4, 2),
        moe_case("top_one_of_four_experts", 6, 5, 4, 1),
        # Mixtral's shape: eight experts, two per token.
        moe_case("top_two_of_eight_experts", 24, 6, 8, 2),
        moe_case("top_three_of_five_experts", 8, 4, 5, 3, bias=False),
        # k == E: every expert runs on every token, the weights are the probabilities themselves.
        moe_case("every_expert_chosen", 5, 4, 3, 3),
        # E == T: topk over the tokens instead of the experts still has the right shape.
        moe_case("as_many_experts_as_tokens", 5, 3, 5, 2),
        moe_case("as_many_experts_as_tokens_top_one", 4, 6, 4, 1),
        # D == E: router_weight is square, x @ router_weight runs without its transpose.
        moe_case("as_many_experts_as_features", 7, 4, 4, 2),
        moe_case("tokens_features_and_experts_all_four", 4, 4, 4, 2),
        moe_case("more_experts_than_features", 9, 3, 6, 2),
        moe_case("an_expert_no_token_chooses", 6, 5, 4, 2, avoid=(2,)),
        moe_case("two_experts_no_token_chooses_top_one", 7, 4, 5, 1, avoid=(0, 3)),
        moe_case("every_token_to_one_expert", 5, 4, 4, 1, always=(1,)),
        moe_case("one_expert_in_every_token_s_top_two", 6, 5, 4, 2, always=(3,)),
        # T == k: a sum over the k without keepdim still broadcasts, along the wrong axis.
        moe_case("as_many_tokens_as_chosen_experts", 2, 5, 4, 2),
        moe_case("a_single_token", 1, 5, 4, 2),
        moe_case("a_single_token_top_one", 1, 3, 4, 1),
        moe_case("mlp_experts_top_two", 7, 4, 4, 2, hidden=6),
        moe_case("mlp_experts_top_one", 6, 5, 3, 1, hidden=8),
        moe_case("mlp_experts_every_expert_chosen", 4, 3, 2, 2, hidden=5),
        moe_case("top_two_in_float64", 6, 5, 4, 2, dtype="float64"),
        moe_case("top_one_in_float64", 6, 5, 4, 1, dtype="float64"),
        moe_case("every_expert_chosen_in_float64", 4, 3, 3, 3, dtype="float64"),
        moe_case("mlp_experts_top_two_in_float64", 6, 4, 5, 2, dtype="float64", hidden=7),
        moe_case("an_expert_no_token_chooses_in_float64", 6, 4, 4, 1, dtype="float64", avoid=(1,)),
    ]


def routing(x, router_weight, top_k):
    """probs (T, E), the chosen experts (T, k) and their weights renormalised over the k."""
    probs = F.softmax(F.linear(x, router_weight), dim=-1)
    top, chosen = torch.topk(probs, top_k, dim=-1)
    return probs, chosen, top / top.sum(dim=-1, keepdim=True)


def _term_sizes(expert, rows, upstream) -> dict:
    """Each parameter's gradient with every term taken in absolute value (|w·g| back-propagated
    through |weights|): what its float32 rounding is relative to where the terms cancel."""
    layers = [expert] if isinstance(expert, torch.nn.Linear) else [expert[0], expert[2]]
    prefixes = [""] if len(layers) == 1 else ["0.", "2."]
    inputs = [rows.abs()]
    if len(layers) == 2:
        inputs.append(torch.relu(layers[0](rows)))
    sizes, delta = {}, upstream.abs()
    for layer, prefix, seen in reversed(list(zip(layers, prefixes, inputs))):
        sizes[prefix + "weight"] = float((delta.T @ seen).max())
        sizes[prefix + "bias"] = float(delta.sum(dim=0).max())
        if prefix == "2.":
            delta = (delta @ layer.weight.abs()) * (layers[0](rows) > 0)
    return sizes


def gradient_scale(case: Case, seed_offset: int):
    """The units gradients are compared in, as a function of the upstream gradients (g for out).
    A routing weight w[t, j]'s gradient is g_t·experts[e](x_t) times w's own derivatives, terms
    that cancel exactly in top-1 (w = p / p = 1) while their float32 rounding stays that large:
    x's and router_weight's gradients are compared at no finer a scale than max over tokens and
    experts of |g_t·experts[e](x_t)|, times max|router_weight| (or max|x|). An expert parameter's
    gradient sums one term per routed token, terms of either sign: it is compared at the size of
    their absolute sum."""
    inputs = case.reference_inputs(seed_offset)
    x, weights, experts = inputs["x"], inputs["router_weight"], inputs["experts"]
    with torch.no_grad():     # twins of the experts, never graded: their calls are not the reference's
        outputs = torch.stack([expert(x) for expert in experts])               # (E, T, D)
        _, chosen, gates = routing(x, weights, inputs["top_k"])

    def magnitude(upstream) -> dict:
        g = upstream[0]
        largest = float((outputs * g).sum(dim=-1).abs().max())
        scales = {"router_weight": largest * float(x.abs().max()), "x": largest * float(weights.abs().max())}
        with torch.no_grad():
            for index, expert in enumerate(experts):
                tokens, slots = torch.where(chosen == index)
                if tokens.numel():
                    sizes = _term_sizes(expert, x[tokens], gates[tokens, slots, None] * g[tokens])
                    scales.update({f"experts[{index}].{name}": size for name, size in sizes.items()})
        return scales

    return magnitude


def reference(x, router_weight, experts, top_k):
    """Hugging Face's Mixtral sparse MoE block and its load_balancing_loss_func (no attention mask),
    in float64: each expert that some token chose runs once, on the batch of its tokens."""
    num_experts = router_weight.shape[0]
    probs, chosen, top = routing(x, router_weight, top_k)
    mask = F.one_hot(chosen, num_experts)                        # (T, k, E)
    out = torch.zeros_like(x)
    for expert_id in mask.sum(dim=(0, 1)).nonzero().flatten().tolist():
        token, slot = torch.where(mask[:, :, expert_id])
        out = out.index_add(0, token, experts[expert_id](x[token]) * top[token, slot, None])
    tokens_per_expert = mask.to(x.dtype).mean(dim=0)             # (k, E): each slot's share, summed below
    aux_loss = (tokens_per_expert * probs.mean(dim=0)).sum() * num_experts
    return out, aux_loss
