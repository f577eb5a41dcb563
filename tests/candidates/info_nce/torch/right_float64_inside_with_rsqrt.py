"""Right: the normalisation written out (max(||x||, 1e-12) is sqrt(max(||x||², 1e-24))), the whole
loss in float64, cast back to the input's dtype at the end."""
import torch


def info_nce(a: torch.Tensor, b: torch.Tensor, temperature: float = 0.07) -> torch.Tensor:
    a64, b64 = a.double(), b.double()
    a64 = a64 * torch.rsqrt((a64 * a64).sum(dim=1, keepdim=True).clamp_min(1e-24))
    b64 = b64 * torch.rsqrt((b64 * b64).sum(dim=1, keepdim=True).clamp_min(1e-24))
    logits = torch.einsum("id,jd->ij", a64, b64) / temperature
    positives = torch.diagonal(logits)
    image_to_text = torch.logsumexp(logits, dim=1) - positives
    text_to_image = torch.logsumexp(logits.T, dim=1) - positives
    return ((image_to_text + text_to_image).mean() / 2).to(a.dtype)
