"""Throughput of a DPO training step: personalign's own PersRM loop vs TRL's DPOTrainer.

Same model, same LoRA (r, alpha, all linear layers), same pairs, same batch size, fp32, CPU by default.
Each trainer runs one untimed warm-up step, then `--steps` timed steps. Tokens/s counts the real
(non-padding) tokens of the policy batch — context + answer, chosen and rejected rows — i.e. the
same pairs for both trainers. Wall time and process CPU time are both reported: on a shared machine
wall time depends on what else runs, so compare tokens per CPU-second there (best with --threads 1).

Rows:
  own loop            personalign.rewards.train: one policy forward+backward per step, each context
                      encoded once for both answers; the frozen reference's log-probs were computed
                      once per pair beforehand (timed separately)
  TRL                 DPOTrainer with peft_config: policy forward+backward plus a reference forward
                      (adapters disabled) every step
  TRL precomputed ref DPOTrainer(precompute_ref_log_probs=True): TRL's counterpart of the cached reference

    .venv/bin/python benchmarks/train_speed.py                 # embedded SmolLM2-135M-Instruct
    .venv/bin/python benchmarks/train_speed.py --model tiny    # a small random Llama (fast smoke run)
"""
from __future__ import annotations

import argparse
import os
import tempfile
import time
import warnings

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_NO_ADVISORY_WARNINGS", "1")

import torch  # noqa: E402

from personalign.models import load  # noqa: E402
from personalign.models.preference_block import PREFERENCE_SYSTEM_TEMPLATE, sanitize_preference  # noqa: E402
from personalign.models.tiny import tiny_llama  # noqa: E402
from personalign.rewards.data import PairRecord  # noqa: E402
from personalign.rewards.train import PersRMTrainer, TrainConfig  # noqa: E402

PREFERENCES = ["Answer in one short sentence.", "Explain in detail, step by step, with an example.",
               "Be warm and encouraging.", "Use precise technical language."]
PROMPTS = ["How do I keep basil alive indoors?", "Why is the sky blue?", "What is a hash table?",
           "How can I get better at running?"]
SHORT = "Water it when the top soil is dry and give it at least six hours of sun."
LONG = ("Basil likes warmth and light. Put the pot on a south-facing windowsill, water when the top "
        "centimetre of soil feels dry, pinch off flower buds so the plant keeps making leaves, and harvest "
        "from the top so it grows bushy. If the leaves turn yellow, you are probably overwatering.")


def make_pairs(n: int) -> list[PairRecord]:
    pairs = []
    for i in range(n):
        short_first = i % 2 == 0
        pairs.append(PairRecord(PREFERENCES[i % len(PREFERENCES)], PROMPTS[(i // 2) % len(PROMPTS)],
                                SHORT if short_first else LONG, LONG if short_first else SHORT))
    return pairs


def build_model(name: str, dtype: str):
    if name == "tiny":
        return tiny_llama(seed=0, hidden_size=256, layers=4, heads=8, kv_heads=4)
    return load(name, device="cpu", dtype=dtype)


def bench_own(base, pairs, args) -> dict:
    cfg = TrainConfig(stage1_steps=args.steps + 1, batch_size=args.batch_size, max_length=args.max_length,
                      lora_r=args.lora_r, lora_alpha=2 * args.lora_r, reference_input="same", seed=0,
                      eval_batch_size=args.batch_size)
    trainer = PersRMTrainer(base, pairs, None, cfg, progress=False)
    t0 = time.perf_counter()
    trainer._reference_logps()
    ref_seconds = time.perf_counter() - t0
    # Drive the stage-1 steps directly so only the steps themselves are timed (no eval, no checkpoint).
    optimizer = trainer._start_stage(1)
    trainer._train_step(1, 0, cfg.stage1_steps, optimizer)
    stats, cpu = [], []
    for s in range(1, cfg.stage1_steps):
        c0 = time.process_time()
        stats.append(trainer._train_step(1, s, cfg.stage1_steps, optimizer))
        cpu.append(time.process_time() - c0)
    seconds = sum(s["seconds"] for s in stats)
    tokens = sum(s["tokens_per_second"] * s["seconds"] for s in stats)
    return {"seconds_per_step": seconds / len(stats), "cpu_seconds_per_step": sum(cpu) / len(cpu),
            "tokens": tokens, "reference_pass_seconds": ref_seconds, "pairs": len(trainer.train_set)}


def bench_trl(base, pairs, args, precompute: bool) -> dict:
    from datasets import Dataset
    from peft import LoraConfig
    from transformers import TrainerCallback
    from trl import DPOConfig, DPOTrainer

    rows = [{"prompt": [{"role": "system", "content": PREFERENCE_SYSTEM_TEMPLATE.format(
                 preferences=f"- {sanitize_preference(p.preference)}")},
                        {"role": "user", "content": p.prompt}],
             "chosen": [{"role": "assistant", "content": p.chosen}],
             "rejected": [{"role": "assistant", "content": p.rejected}]} for p in pairs]
    counted: list[int] = []
    times: list[float] = []
    cpu: list[float] = []

    class CountingDPOTrainer(DPOTrainer):
        def compute_loss(self, model, inputs, return_outputs=False, num_items_in_batch=None):
            counted.append(int(inputs["attention_mask"].sum()))
            return super().compute_loss(model, inputs, return_outputs, num_items_in_batch)

    class Timer(TrainerCallback):
        def on_step_begin(self, *a, **k):
            self.t0, self.c0 = time.perf_counter(), time.process_time()

        def on_step_end(self, *a, **k):
            times.append(time.perf_counter() - self.t0)
            cpu.append(time.process_time() - self.c0)

    with tempfile.TemporaryDirectory() as out:
        config = DPOConfig(output_dir=out, per_device_train_batch_size=args.batch_size, gradient_accumulation_steps=1,
                           max_steps=args.steps + 1, learning_rate=2e-4, beta=0.1, bf16=False, fp16=False,
                           use_cpu=True, report_to=[], logging_steps=10_000, save_strategy="no",
                           max_length=args.max_length, precompute_ref_log_probs=precompute,
                           precompute_ref_batch_size=args.batch_size, dataloader_num_workers=0, disable_tqdm=True,
                           seed=0)
        lora = LoraConfig(r=args.lora_r, lora_alpha=2 * args.lora_r, lora_dropout=0.0, target_modules="all-linear",
                          task_type="CAUSAL_LM")
        t0 = time.perf_counter()
        trainer = CountingDPOTrainer(model=base.model, args=config, train_dataset=Dataset.from_list(rows),
                                     processing_class=base.tokenizer, peft_config=lora, callbacks=[Timer()])
        setup = time.perf_counter() - t0
        trainer.train()
    # step 0 is the warm-up; with precompute the reference pass happens inside train() before step 0
    return {"seconds_per_step": sum(times[1:]) / len(times[1:]), "cpu_seconds_per_step": sum(cpu[1:]) / len(cpu[1:]),
            "tokens": sum(counted[1:len(times)]), "setup_seconds": setup}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    from personalign.models.loader import DEFAULT_MODEL
    parser.add_argument("--model", default=DEFAULT_MODEL, help="model name/path, or 'tiny'")
    parser.add_argument("--dtype", default="float32")
    parser.add_argument("--pairs", type=int, default=16)
    parser.add_argument("--batch-size", type=int, default=2)
    parser.add_argument("--steps", type=int, default=3)
    parser.add_argument("--max-length", type=int, default=512)
    parser.add_argument("--lora-r", type=int, default=16)
    parser.add_argument("--threads", type=int, default=None)
    parser.add_argument("--no-precompute-row", action="store_true", help="skip the TRL precomputed-ref row")
    args = parser.parse_args()
    if args.threads:
        torch.set_num_threads(args.threads)
    warnings.filterwarnings("ignore")
    pairs = make_pairs(args.pairs)

    results = {"own loop": bench_own(build_model(args.model, args.dtype), pairs, args)}
    results["TRL"] = bench_trl(build_model(args.model, args.dtype), pairs, args, precompute=False)
    if not args.no_precompute_row:
        results["TRL precomputed ref"] = bench_trl(build_model(args.model, args.dtype), pairs, args, precompute=True)

    print(f"model {args.model}, batch {args.batch_size} pairs, {args.steps} timed steps, "
          f"{torch.get_num_threads()} threads, torch {torch.__version__}")
    print(f"{'trainer':<22}{'wall s/step':>12}{'tokens/s':>10}{'CPU s/step':>12}{'tokens/CPU-s':>14}")
    for r in results.values():
        steps = args.steps
        r["tokens_per_second"] = r["tokens"] / (r["seconds_per_step"] * steps)
        r["tokens_per_cpu_second"] = r["tokens"] / (r["cpu_seconds_per_step"] * steps)
    for name, r in results.items():
        print(f"{name:<22}{r['seconds_per_step']:>12.3f}{r['tokens_per_second']:>10.1f}"
              f"{r['cpu_seconds_per_step']:>12.3f}{r['tokens_per_cpu_second']:>14.1f}")
    own = results["own loop"]
    for name in results:
        if name != "own loop":
            print(f"own loop / {name}: {own['tokens_per_second'] / results[name]['tokens_per_second']:.2f}x tokens/s "
                  f"(wall), {own['tokens_per_cpu_second'] / results[name]['tokens_per_cpu_second']:.2f}x tokens per "
                  f"CPU-second")
    print(f"own loop reference pass (once per pair, {results['own loop']['pairs']} pairs): "
          f"{results['own loop']['reference_pass_seconds']:.2f} s")


if __name__ == "__main__":
    main()
