"""The statement's example, for `kit run bpe`: the steps to run on your code and the reference's."""


def example(track: str) -> list[dict]:
    merges = [(97, 97), (256, 97), (257, 98)]   # what train_bpe("aaabdaaabac", 259) learns
    return [{"call": "train_bpe", "args": {"text": "aaabdaaabac", "vocab_size": 259}},
            {"call": "encode", "args": {"text": "aaabdaaabac", "merges": merges}},   # [258, 100, 258, 97, 99]
            {"call": "decode", "args": {"ids": [228, 184], "merges": merges}}]        # '\ufffd'
