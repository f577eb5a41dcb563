"""The statement's example, for `kit run vit`: the steps to run on your code and the reference's. The
default ViT (32x32 images of 3 channels, 8x8 patches, E = 64, depth 2, 4 heads) on a batch of two; the
numpy track's weights are drawn here, in the state dict's names and shapes."""


def example(track: str) -> list[dict]:
    import numpy as np

    rng = np.random.default_rng(0)
    images = rng.standard_normal((2, 3, 32, 32)).astype(np.float32)
    if track == "torch":
        import torch

        x = torch.from_numpy(images)
        return [{"construct": "VisionTransformer", "args": {}},
                {"method": "forward", "args": {"x": x}},
                {"method": "forward_features", "args": {"x": x}}]
    E, M = 64, 256
    shapes = {"patch_embed.proj.weight": (E, 3, 8, 8), "patch_embed.proj.bias": (E,), "cls_token": (1, 1, E),
              "pos_embed": (1, 17, E), "norm.weight": (E,), "norm.bias": (E,),
              "head.weight": (10, E), "head.bias": (10,)}
    for i in range(2):
        block = {"norm1.weight": (E,), "norm1.bias": (E,), "norm2.weight": (E,), "norm2.bias": (E,),
                 "attn.qkv.weight": (3 * E, E), "attn.qkv.bias": (3 * E,), "attn.proj.weight": (E, E),
                 "attn.proj.bias": (E,), "mlp.fc1.weight": (M, E), "mlp.fc1.bias": (M,),
                 "mlp.fc2.weight": (E, M), "mlp.fc2.bias": (E,)}
        shapes.update({f"blocks.{i}.{name}": shape for name, shape in block.items()})
    params = {name: (0.1 * rng.standard_normal(shape)).astype(np.float32) for name, shape in shapes.items()}
    return [{"call": "vit_forward", "args": {"images": images, "params": params, "num_heads": 4}},
            {"call": "vit_features", "args": {"images": images, "params": params, "num_heads": 4}}]
