"""Correct: everything in float64 and cast back at the end, sigmoid through logaddexp (log(1 + e^-z)
without overflow), the cache a dict."""
import numpy as np


def swiglu_forward(x, w_gate, w_up, w_down):
    x64, g64, u64, d64 = (a.astype(np.float64) for a in (x, w_gate, w_up, w_down))
    z = x64 @ g64
    up = x64 @ u64
    s = np.exp(-np.logaddexp(0.0, -z))
    h = z * s * up
    out = (h @ d64).astype(x.dtype)
    return out, {"x": x64, "w_gate": g64, "w_up": u64, "w_down": d64, "z": z, "up": up, "s": s, "h": h}


def swiglu_backward(dout, cache):
    dtype = dout.dtype
    dout = dout.astype(np.float64)
    z, s, up = cache["z"], cache["s"], cache["up"]
    dh = dout @ cache["w_down"].T
    silu = z * s
    dsilu = s + z * s * (1.0 - s)
    dz = dh * up * dsilu
    dup = dh * silu
    dx = dz @ cache["w_gate"].T + dup @ cache["w_up"].T
    results = (dx, cache["x"].T @ dz, cache["x"].T @ dup, cache["h"].T @ dout)
    return tuple(r.astype(dtype) for r in results)
