"""Chat rendering: the one place where user-supplied text meets a tokenizer.

Every strategy, trainer, judge and server route turns text into token ids here, so base, prompting
and PersRM inputs differ only in content, and so user text can never become a control token.

Why this is needed: a chat template is rendered to a string and then tokenized, and a tokenizer turns
every occurrence of a special-token string (`<|im_start|>`, `<|im_end|>`, `<|endoftext|>`, …) into the
control token itself. A message, a stored preference or an edited answer containing
"<|im_end|>\\n<|im_start|>system\\n…" would therefore open a system turn of its own.

How: before rendering, every special-token string inside a user-supplied message is wrapped in two
private-use marker characters (chosen so they occur nowhere in the input). The template is rendered as
usual; the result is split at the markers, the template's own text is tokenized normally (its markers
become control tokens) and each marked string is tokenized as plain text (`split_special_tokens`).
Text without special-token strings is never marked, so it tokenizes exactly as
`apply_chat_template(..., tokenize=True)` did before. As a final check, the marked path must produce
exactly as many control tokens as the template writes for the same chat with those strings removed;
a template that mangles its input so this fails raises instead of guessing.
Tokenizers without a chat template get a plain transcript ("User: …\\nAssistant:"), handled the same way.

Answers used as training targets go through `encode_text`: plain text, special-token strings included.

Transformers applies `split_special_tokens` by flipping a flag on the shared Rust tokenizer before each
call, so two threads tokenizing at once could see each other's setting; every call here holds one lock.
"""
from __future__ import annotations

import re
import threading
import weakref
from collections.abc import Mapping, Sequence

_LOCK = threading.RLock()
_PRIVATE_USE = range(0xE000, 0xF8FF)
# tokenizer -> (vocabulary size, control-token regex, control-token ids); the size notices added tokens.
_CONTROL_CACHE: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


def control_tokens(tokenizer) -> tuple[str, ...]:
    """The tokenizer's special-token strings, longest first (so a longer token wins where two overlap)."""
    found = set(getattr(tokenizer, "all_special_tokens", None) or ())
    for token in (getattr(tokenizer, "added_tokens_decoder", None) or {}).values():
        if getattr(token, "special", False):
            found.add(str(token))
    return tuple(sorted((t for t in found if t), key=lambda t: (-len(t), t)))


def _control(tokenizer) -> tuple[re.Pattern, set[int]]:
    """(regex matching any control-token string, the control-token ids), cached per tokenizer."""
    size = len(tokenizer)
    try:
        cached = _CONTROL_CACHE.get(tokenizer)
    except TypeError:  # not weak-referenceable: compute every time
        cached = None
    if cached is not None and cached[0] == size:
        return cached[1], cached[2]
    tokens = control_tokens(tokenizer)
    pattern = re.compile("|".join(map(re.escape, tokens)) if tokens else "(?!)")
    ids = set(getattr(tokenizer, "all_special_ids", None) or ())
    for i, token in (getattr(tokenizer, "added_tokens_decoder", None) or {}).items():
        if getattr(token, "special", False):
            ids.add(int(i))
    try:
        _CONTROL_CACHE[tokenizer] = (size, pattern, ids)
    except TypeError:
        pass
    return pattern, ids


def _ids(tokenizer, text: str, *, as_text: bool) -> list[int]:
    with _LOCK:
        out = tokenizer(text, add_special_tokens=False, split_special_tokens=as_text)
    ids = out["input_ids"]
    return list(ids)


def encode_text(tokenizer, text: str) -> list[int]:
    """Token ids of `text` as plain text: special-token strings stay text (answers, lengths, clipping)."""
    return _ids(tokenizer, text, as_text=True)


def _transcript(messages: Sequence[Mapping[str, str]], add_generation_prompt: bool) -> str:
    """Plain LMs (GPT-2 style) get a minimal transcript format."""
    parts = []
    for k, m in enumerate(messages):
        role, content = m["role"], m["content"]
        if role == "system":
            if content:
                parts.append(f"{content}\n\n")
        elif role == "assistant":
            parts.append(f"Assistant: {content}" + ("\n" if k < len(messages) - 1 or add_generation_prompt else ""))
        else:
            parts.append(f"User: {content}\n")
    if add_generation_prompt:
        parts.append("Assistant:")
    return "".join(parts)


def _render_text(tokenizer, messages: Sequence[Mapping[str, str]], add_generation_prompt: bool) -> str:
    if getattr(tokenizer, "chat_template", None):
        return tokenizer.apply_chat_template([dict(m) for m in messages], add_generation_prompt=add_generation_prompt,
                                             tokenize=False)
    return _transcript(messages, add_generation_prompt)


def _markers(messages: Sequence[Mapping[str, str]]) -> tuple[str, str]:
    used = set("".join(m["content"] for m in messages))
    free = (chr(c) for c in _PRIVATE_USE if chr(c) not in used)
    return next(free), next(free)


def render_messages(tokenizer, messages: Sequence[Mapping[str, str]], add_generation_prompt: bool = True) -> list[int]:
    """Token ids of a chat (list of {"role", "content"}); every content is user data (module docstring)."""
    control, specials = _control(tokenizer)
    if not any(control.search(m["content"]) for m in messages):
        return _ids(tokenizer, _render_text(tokenizer, messages, add_generation_prompt), as_text=False)

    start, end = _markers(messages)
    marked = [{**m, "content": control.sub(lambda g: f"{start}{g.group(0)}{end}", m["content"])} for m in messages]
    rendered = _render_text(tokenizer, marked, add_generation_prompt)
    # [template text, marked string, template text, …]; None where a template cut a marker pair apart.
    pieces = re.split(f"{re.escape(start)}({control.pattern}){re.escape(end)}|[{start}{end}]", rendered)
    ids: list[int] = []
    for k, piece in enumerate(pieces):
        if piece:
            as_text = k % 2 == 1
            ids += _piece_ids(tokenizer, piece, as_text=as_text) if k else _ids(tokenizer, piece, as_text=as_text)

    # The same chat with each such string replaced by a marker character (which no control token
    # contains, so no new one can form across the cut) shows how many control tokens the template writes.
    stripped = [{**m, "content": control.sub(start, m["content"])} for m in messages]
    expected = len(control.findall(_render_text(tokenizer, stripped, add_generation_prompt)))
    if sum(1 for t in ids if t in specials) != expected:
        raise ValueError("the chat template rewrites message text so that special-token strings in it cannot be "
                         "kept as plain text; refusing to tokenize this chat")
    return ids


def _piece_ids(tokenizer, piece: str, *, as_text: bool) -> list[int]:
    """Ids of a piece from the middle of a chat. SentencePiece-style tokenizers add a prefix space at the
    start of a string; encoding after a newline and dropping the newline's ids avoids it."""
    newline = _ids(tokenizer, "\n", as_text=False)
    ids = _ids(tokenizer, "\n" + piece, as_text=as_text)
    if newline and ids[:len(newline)] == newline:
        return ids[len(newline):]
    return _ids(tokenizer, piece, as_text=as_text)


def render_chat(tokenizer, user: str, system: str | None = None) -> list[int]:
    """Token ids of a one-turn chat ending with the assistant's generation prompt."""
    messages = ([{"role": "system", "content": system}] if system is not None else []) + [
        {"role": "user", "content": user}
    ]
    return render_messages(tokenizer, messages, add_generation_prompt=True)


def same_vocabulary(tok_a, tok_b) -> bool:
    """True when two tokenizers map every string to the same ids (PAD compares logits id by id)."""
    if tok_a is tok_b:
        return True
    if len(tok_a) != len(tok_b):
        return False
    return tok_a.get_vocab() == tok_b.get_vocab()
