"""Tiny randomly initialised models with a tokenizer trained in memory, for fast tests and examples.

Nothing here touches the hub: the BPE tokenizer is trained on a small built-in corpus in milliseconds.
"""
from __future__ import annotations

from pathlib import Path

import torch

from personalign.models.loader import LoadedModel, prepare_tokenizer

CHATML_TEMPLATE = (
    "{% for message in messages %}{{'<|im_start|>' + message['role'] + '\n' + message['content'] + "
    "'<|im_end|>' + '\n'}}{% endfor %}{% if add_generation_prompt %}{{ '<|im_start|>assistant\n' }}{% endif %}"
)

_CORPUS = [
    "The quick brown fox jumps over the lazy dog.",
    "Answer in one short sentence. Answer in detail with examples.",
    "Explain photosynthesis to a child. Explain quantum mechanics to an expert.",
    "Keep it short and friendly. Be blunt and formal. Use simple words.",
    "What is the capital of France? Paris is the capital of France.",
    "How do I bake bread? Mix flour, water, salt and yeast, then knead and bake.",
    "Preferences: concise, detailed, warm, encouraging, technical, simple.",
    "Write a poem about the sea. The sea is wide and deep and blue.",
    "0 1 2 3 4 5 6 7 8 9 ! ? , . : ; ' \" ( ) - user assistant system",
]


def tiny_tokenizer(vocab_size: int = 320):
    """A byte-level BPE tokenizer with ChatML special tokens, trained on a built-in corpus."""
    from tokenizers import Tokenizer, decoders, models, pre_tokenizers, trainers
    from transformers import PreTrainedTokenizerFast

    specials = ["<|endoftext|>", "<|im_start|>", "<|im_end|>", "<pad>"]
    tok = Tokenizer(models.BPE())
    tok.pre_tokenizer = pre_tokenizers.ByteLevel(add_prefix_space=False)
    tok.decoder = decoders.ByteLevel()
    trainer = trainers.BpeTrainer(vocab_size=vocab_size, special_tokens=specials,
                                  initial_alphabet=pre_tokenizers.ByteLevel.alphabet(), show_progress=False)
    tok.train_from_iterator(_CORPUS * 4, trainer=trainer)
    fast = PreTrainedTokenizerFast(tokenizer_object=tok, bos_token="<|im_start|>", eos_token="<|im_end|>",
                                   unk_token="<|endoftext|>", pad_token="<pad>")
    fast.chat_template = CHATML_TEMPLATE
    prepare_tokenizer(fast)
    return fast


def tiny_llama(tokenizer=None, seed: int = 0, hidden_size: int = 32, layers: int = 2, heads: int = 4,
               kv_heads: int = 2) -> LoadedModel:
    from transformers import LlamaConfig, LlamaForCausalLM

    tokenizer = tokenizer or tiny_tokenizer()
    torch.manual_seed(seed)
    config = LlamaConfig(vocab_size=len(tokenizer), hidden_size=hidden_size, intermediate_size=hidden_size * 2,
                         num_hidden_layers=layers, num_attention_heads=heads, num_key_value_heads=kv_heads,
                         max_position_embeddings=512, bos_token_id=tokenizer.bos_token_id,
                         eos_token_id=tokenizer.eos_token_id, pad_token_id=tokenizer.pad_token_id,
                         tie_word_embeddings=False, initializer_range=0.1)
    model = LlamaForCausalLM(config).eval()
    _sharpen(model)
    return LoadedModel(model=model, tokenizer=tokenizer, name=f"tiny-llama-{seed}")


def tiny_gpt2(tokenizer=None, seed: int = 0, hidden_size: int = 32, layers: int = 2, heads: int = 4) -> LoadedModel:
    from transformers import GPT2Config, GPT2LMHeadModel

    tokenizer = tokenizer or tiny_tokenizer()
    torch.manual_seed(seed)
    config = GPT2Config(vocab_size=len(tokenizer), n_embd=hidden_size, n_layer=layers, n_head=heads,
                        n_positions=512, bos_token_id=tokenizer.bos_token_id,
                        eos_token_id=tokenizer.eos_token_id, pad_token_id=tokenizer.pad_token_id,
                        initializer_range=0.1, tie_word_embeddings=False)
    model = GPT2LMHeadModel(config).eval()
    _sharpen(model)
    return LoadedModel(model=model, tokenizer=tokenizer, name=f"tiny-gpt2-{seed}")


def _sharpen(model) -> None:
    # Random init gives near-uniform logits, where argmax ties make tests fragile; scaling the
    # output embedding spreads the logits without changing anything else about the model.
    with torch.no_grad():
        model.get_output_embeddings().weight.mul_(3.0)


def save_tiny(loaded: LoadedModel, path: str | Path) -> Path:
    path = Path(path)
    loaded.model.save_pretrained(path)
    loaded.tokenizer.save_pretrained(path)
    return path
