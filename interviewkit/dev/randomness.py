"""The randomness rule: a kata that takes randomness from its caller (a parameter annotated as a torch
or NumPy generator, or a seed) grades what it does with it by its distribution, against the exact one
on inputs where it is computable, with a stated false-fail rate (interviewkit/grading/toolkit/
distribution.py: expect_frequencies, expect_distributed). Property checks alone let through the
classic slips: k-means++ sampling by distance instead of its square, or always starting at x[0].

A contract may instead pin the draws exactly (kfold_split's one rng.permutation, a denoising
autoencoder's one torch.randn): its results are then compared exactly, and so is the generator's
state after the call. kata.toml's [randomness] table says so, with how: `pinned = "..."`."""
from __future__ import annotations

import tomllib

from interviewkit import api
from interviewkit.catalog import Kata

RANDOM_ANNOTATIONS = ("Generator", "RandomState")
RANDOM_NAMES = ("seed", "random_state")
DISTRIBUTION_CHECKS = ("expect_frequencies", "expect_distributed")


def random_parameters(kata: Kata) -> list[str]:
    """`track function(parameter)` for every API parameter through which randomness comes in."""
    found = []
    for track in kata.tracks:
        for function in _functions(kata.track(track).entries):
            for parameter in function.parameters:
                if isinstance(parameter, str):
                    continue
                if any(word in parameter.annotation for word in RANDOM_ANNOTATIONS) or parameter.name in RANDOM_NAMES:
                    found.append(f"{track} {function.name}({parameter.name})")
    return found


def _functions(entries) -> list[api.Function]:
    functions = []
    for entry in entries:
        if isinstance(entry, api.Function):
            functions.append(entry)
        else:
            functions.extend(entry.methods)
    return functions


def pinned(kata: Kata) -> str | None:
    data = tomllib.loads((kata.folder / "kata.toml").read_text(encoding="utf-8"))
    return data.get("randomness", {}).get("pinned")


def graded_by_distribution(kata: Kata) -> bool:
    folders = {kata.track(track).grader.parent for track in kata.tracks}
    return any(name in path.read_text(encoding="utf-8") for folder in folders for path in folder.rglob("*.py")
               for name in DISTRIBUTION_CHECKS)


def problems(kata: Kata) -> list[str]:
    found = random_parameters(kata)
    if not found or pinned(kata) or graded_by_distribution(kata):
        return []
    return [f"randomness comes in through {', '.join(found)}, and no check grades a distribution: grade it with "
            f"{' or '.join(DISTRIBUTION_CHECKS)} (interviewkit.grader), or, if the contract pins every draw, say "
            f"how in kata.toml's [randomness] table (pinned = \"...\")."]
