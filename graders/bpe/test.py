"""Grader for bpe, numpy track: the merges train_bpe learns, the ids encode makes and the text decode
gives back, each exactly and in the contract's types (a list of tuples of Python ints, a list of
Python ints, a str), and decode(encode(text)) == text through the candidate's own three functions."""
import pytest

from interviewkit.grader import CandidateError, CheckFailed, check_efficiency, check_function, sibling

shared = sibling(__file__, "cases")
expect = sibling(__file__, "expect")
bugs = sibling(__file__, "bugs")


@pytest.mark.parametrize("case", shared.train_cases(), ids=str)
def test_train_bpe(grading, case):
    check_function(grading, "train_bpe", case, shared.oracle_train, compare=expect.expect_merges,
                   diagnoses=bugs.TRAIN)


@pytest.mark.parametrize("case", shared.encode_cases(), ids=str)
def test_encode(grading, case):
    check_function(grading, "encode", case, shared.oracle_encode, compare=expect.expect_ids, diagnoses=bugs.ENCODE)


@pytest.mark.parametrize("case", shared.decode_cases(), ids=str)
def test_decode(grading, case):
    check_function(grading, "decode", case, shared.oracle_decode, compare=expect.compare_text, diagnoses=bugs.DECODE)


@pytest.mark.parametrize("case", shared.round_trip_cases(), ids=str)
def test_round_trip(grading, case):
    """The candidate's merges, passed back to its own encode and decode, as the contract promises."""
    inputs = grading.inputs(case)
    try:
        merges = grading.candidate.call("train_bpe", inputs["corpus"], inputs["vocab_size"]).output
        ids = grading.candidate.call("encode", inputs["text"], merges).output
        text = grading.candidate.call("decode", ids, merges).output
        expect.expect_text(text, inputs["text"], "decode(encode(text, merges), merges)")
    except (CheckFailed, CandidateError) as error:
        error.case_description = case.describe(grading.seed_offset)
        error.snippet = shared.round_trip_snippet(case, grading.seed_offset)
        raise


TIMED = {"train_bpe": (shared.oracle_train, expect.expect_merges), "encode": (shared.oracle_encode, expect.expect_ids)}


@pytest.mark.parametrize("symbol", list(shared.TIMING_CASES))
def test_efficiency(grading, symbol):
    oracle, compare = TIMED[symbol]
    check_efficiency(grading, symbol, shared.TIMING_CASES[symbol], oracle, compare=compare)
