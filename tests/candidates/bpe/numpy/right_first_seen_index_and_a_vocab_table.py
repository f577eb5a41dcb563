"""Correct, with every rule spelt out: the first index of each pair recorded beside its count (ties
to the smallest), replacement through an explicit skip flag, encode choosing the lowest rank in a
loop, decode through a vocabulary table of bytes."""


def train_bpe(text, vocab_size):
    ids = list(text.encode("utf-8"))
    merges = []
    while len(merges) < vocab_size - 256 and len(ids) > 1:
        counts, first = {}, {}
        for i in range(len(ids) - 1):
            pair = (ids[i], ids[i + 1])
            counts[pair] = counts.get(pair, 0) + 1
            first.setdefault(pair, i)
        pair = min(counts, key=lambda p: (-counts[p], first[p]))
        new_id = 256 + len(merges)
        out, skip = [], False
        for i, token in enumerate(ids):
            if skip:
                skip = False
            elif i + 1 < len(ids) and (token, ids[i + 1]) == pair:
                out.append(new_id)
                skip = True
            else:
                out.append(token)
        ids = out
        merges.append(pair)
    return merges


def encode(text, merges):
    rank = {tuple(pair): i for i, pair in enumerate(merges)}
    ids = list(text.encode("utf-8"))
    while True:
        best = None
        for pair in zip(ids, ids[1:]):
            if pair in rank and (best is None or rank[pair] < rank[best]):
                best = pair
        if best is None:
            return ids
        out, i = [], 0
        while i < len(ids):
            if ids[i:i + 2] == list(best):
                out.append(256 + rank[best])
                i += 2
            else:
                out.append(ids[i])
                i += 1
        ids = out


def decode(ids, merges):
    table = [bytes([i]) for i in range(256)]
    for a, b in merges:
        table.append(table[a] + table[b])
    return bytes().join(table[i] for i in ids).decode("utf-8", "replace")
