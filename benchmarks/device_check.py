"""The engine's exactness checks, run on an accelerator: what the CPU tests prove, on --device.

    .venv/bin/python benchmarks/device_check.py --device cuda [--model NAME_OR_PATH] [--tokens 24]

CI has no GPU, so the tests prove exactness on CPU only; this runs the same comparisons where GPU users decode.
Everything runs in fp32 (exactness is defined there; bf16 speed is benchmarks/decode.py's job):
  fused-logits      the fused row-LoRA PersRM forward vs PEFT's mixed-batch path, prefill + 3 cached steps,
                    base and PersRM rows in one batch: allclose at atol 2e-4, rtol 1e-4
                    (the tolerance of tests/test_integration_embedded.py)
  fused-tokens      PAD tokens through the fused path = through PEFT's path
  reference-*       the cached, batched engine = the no-cache reference (decoding/reference.py), guard on
                    (defaults) and off (the authors' step)
  weight-0          PAD with w = 0 = base greedy
One line per check; exit 1 when any fails. The PersRM is the shipped one when --model is the embedded model.
"""
from __future__ import annotations

import argparse
import os
import sys

os.environ.setdefault("HF_HUB_OFFLINE", "1")

import torch  # noqa: E402

from personalign.decoding import GUARD_OFF, Engine, pad_generate_nocache  # noqa: E402
from personalign.models import load, render_chat  # noqa: E402
from personalign.models.batching import left_pad  # noqa: E402
from personalign.models.loader import DEFAULT_MODEL  # noqa: E402
from personalign.rewards.persrm import PersRM, resolve_reward_model  # noqa: E402

PROMPTS = ["How do I make a good cup of tea?", "Explain why the sky is blue.", "Give me tips to sleep better."]
PREFERENCE = "Answer in one short sentence."


def fused_logits_gap(persrm: PersRM, base, steps: int = 3) -> tuple[float, bool]:
    """Max |Δ| between the fused and the PEFT path's logits over a prefill and `steps` cached steps, and
    whether they are allclose at atol 2e-4, rtol 1e-4."""
    rows = [render_chat(base.tokenizer, PROMPTS[0]), persrm.reward_input_ids(PROMPTS[1], PREFERENCE),
            render_chat(base.tokenizer, PROMPTS[2]), persrm.reward_input_ids(PROMPTS[0], PREFERENCE)]
    flags = torch.tensor([False, True, False, True], device=base.device)
    ids, mask, _ = left_pad(rows, base.tokenizer.pad_token_id, base.device)
    runs = []
    for fused in (True, False):
        persrm.fused = fused
        m, position = mask, (mask.cumsum(-1) - 1).clamp(min=0)
        with torch.inference_mode():
            out = persrm.forward_mixed(flags, input_ids=ids, attention_mask=m, position_ids=position, use_cache=True)
            logits, position = [out.logits[:, -1].float()], m.sum(-1, keepdim=True)
            for t in range(steps):
                m = torch.cat([m, torch.ones_like(m[:, :1])], -1)
                token = torch.full((ids.shape[0], 1), 5 + 3 * t, device=base.device)
                out = persrm.forward_mixed(flags, input_ids=token, attention_mask=m, position_ids=position,
                                           cache=out.cache, use_cache=True)
                logits.append(out.logits[:, -1].float())
                position = position + 1
        runs.append(torch.stack(logits))
    persrm.fused = True
    fused, peft = runs
    # The fused path computes the PersRM rows' head only at the base's top-k: compare where both are finite.
    both = fused.isfinite() & peft.isfinite()
    return float((fused[both] - peft[both]).abs().max()), torch.allclose(fused[both], peft[both], atol=2e-4, rtol=1e-4)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--device", default="auto")
    parser.add_argument("--model", default=DEFAULT_MODEL)
    parser.add_argument("--tokens", type=int, default=24)
    args = parser.parse_args()

    base = load(args.model, device=args.device, dtype="float32")
    persrm = resolve_reward_model(None, base)
    engine = Engine(base, reward_model=persrm)
    weight = engine.default_weight
    print(f"device {base.device} ({torch.cuda.get_device_name() if base.device.type == 'cuda' else 'cpu'}), "
          f"fp32, model {args.model}, PersRM {'shipped' if persrm is not None else 'none (training-free)'}, "
          f"w {weight}, {args.tokens} tokens")
    failures = 0

    def report(name: str, ok: bool, detail: str) -> None:
        nonlocal failures
        failures += not ok
        print(f"{'ok  ' if ok else 'FAIL'} {name}: {detail}")

    def pad(**options):
        result = engine.generate(PROMPTS, preference=PREFERENCE, strategy="pad", weight=weight,
                                 max_new_tokens=args.tokens, **options)
        return [o.token_ids for o in result.outputs]

    if persrm is not None:
        gap, close = fused_logits_gap(persrm, base)
        report("fused-logits", close, f"max |Δ| {gap:.2e}, allclose at atol 2e-4, rtol 1e-4: {close}")
        fused = pad()
        persrm.fused = False
        peft = pad()
        persrm.fused = True
        report("fused-tokens", fused == peft, f"{sum(map(len, fused))} tokens, identical: {fused == peft}")
    reward = persrm if persrm is not None else base
    for name, options in (("reference-guarded", {}), ("reference-guard-off", GUARD_OFF)):
        ours = pad(**options)
        slow = [pad_generate_nocache(base, reward, p, PREFERENCE, weight=weight, max_new_tokens=args.tokens,
                                     **options) for p in PROMPTS]
        report(name, ours == slow, f"{sum(map(len, ours))} tokens, identical to the no-cache reference: "
                                   f"{ours == slow}")
    zero = [o.token_ids for o in engine.generate(PROMPTS, preference=PREFERENCE, strategy="pad", weight=0.0,
                                                 max_new_tokens=args.tokens, **GUARD_OFF).outputs]
    greedy = [o.token_ids for o in engine.generate(PROMPTS, strategy="base", max_new_tokens=args.tokens).outputs]
    report("weight-0", zero == greedy, f"PAD at w = 0 identical to base greedy: {zero == greedy}")
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
