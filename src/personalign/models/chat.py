"""Chat rendering shared by every strategy, so base, prompting and PersRM inputs differ only in content."""
from __future__ import annotations


def render_chat(tokenizer, user: str, system: str | None = None) -> list[int]:
    """Token ids of a one-turn chat ending with the assistant's generation prompt."""
    messages = ([{"role": "system", "content": system}] if system is not None else []) + [
        {"role": "user", "content": user}
    ]
    if getattr(tokenizer, "chat_template", None):
        ids = tokenizer.apply_chat_template(messages, add_generation_prompt=True, tokenize=True)
        if isinstance(ids, dict) or hasattr(ids, "keys"):  # some versions return a BatchEncoding
            ids = ids["input_ids"]
        return list(ids)
    # Plain LMs (GPT-2 style) get a minimal transcript format.
    text = (f"{system}\n\n" if system else "") + f"User: {user}\nAssistant:"
    return tokenizer(text, add_special_tokens=False)["input_ids"]


def same_vocabulary(tok_a, tok_b) -> bool:
    """True when two tokenizers map every string to the same ids (PAD compares logits id by id)."""
    if tok_a is tok_b:
        return True
    if len(tok_a) != len(tok_b):
        return False
    return tok_a.get_vocab() == tok_b.get_vocab()
