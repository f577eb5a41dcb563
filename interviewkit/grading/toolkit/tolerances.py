"""The tolerances every comparison uses, as plain numbers: compare.py applies them, and `kit show`
states them (interviewkit/contract.py) without importing torch.

A value passes when |got - want| <= condition * (atol * magnitude + rtol * |want|): `want` is the
float64 reference, `magnitude` the largest |want| of what is compared, `condition` 1 unless a
kata's accuracy legitimately depends on its inputs."""

# (rtol, atol) for a well-conditioned result of the given dtype; atol is relative to the magnitude
# of what is compared. float32 sits well above its roundoff (1.2e-7), float64 far below anything a
# semantic slip (eps inside the square root, a biased variance) could hide in.
BASE_TOLERANCE = {
    "float64": (1e-10, 1e-12),
    "float32": (1e-5, 1e-6),
    "bfloat16": (1.6e-2, 1e-2),
    "float16": (2e-3, 1e-3),
}
# What a dtype without an entry is held to.
DEFAULT_DTYPE = "float64"
