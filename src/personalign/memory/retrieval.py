"""Retrieval: the active preferences that matter for a prompt, searched in a per-user cache of embedding matrices.

`MemoryStore.profile(user, prompt)` returns every active global preference plus the `k` active
topical ones most similar to the prompt (cosine ≥ `min_similarity`, or a shared word stem in any
language: `shared_words`). Embeddings (all-MiniLM-L6-v2,
float32 bytes) are stored with each explicit preference; a per-user matrix cache, checked against the
user's revision counter (bumped by every preference write, from any process), makes the search a
single matrix-vector product. Query embeddings are LRU-cached in the embedder. The same cache finds
the dimensionless preferences an arriving one may conflict with or duplicate (`similar_free`). A snapshot
also carries the content hashes of the user's stored adapters (`adapter_files`), so a server reloads an
adapter another process replaced at its next request for that user.
"""
from __future__ import annotations

import re
import threading
from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np
from sqlalchemy import select

from personalign.memory import adapter_files
from personalign.memory.areas import preference_areas, prompt_areas
from personalign.memory.implicit import IMPLICIT_MIN_CONFIDENCE
from personalign.memory.placement import SEARCH_SIM
from personalign.memory.records import Preference, Profile
from personalign.memory.schema import PreferenceRow, UserRow, UserWeightsRow
from personalign.memory.schema import vector_from_bytes as from_bytes
from personalign.safety import check_text


@dataclass
class UserSnapshot:
    """Active preferences of one user at one revision, with the topical embedding matrix."""

    user_id: int
    revision: int
    active: list[Preference]
    topical: list[Preference]
    matrix: np.ndarray              # (len(topical), dim), unit rows
    free: list[Preference]          # dimensionless ones with an embedding: candidates for meaning-level conflicts
    free_matrix: np.ndarray
    globals: list[Preference] = field(default_factory=list)
    learned: dict[str, float] = field(default_factory=dict)
    adapters: dict[str, str] = field(default_factory=dict)  # adapter name → content hash (`adapter_files`)
    stems: dict[str, dict] = field(default_factory=dict)  # the topical preferences' `stem_index`
    conditional: np.ndarray | None = None  # per topical preference, `conditional_statement` (None: none is)


def cosines(matrix: np.ndarray, vec: np.ndarray) -> np.ndarray:
    """matrix @ vec for unit rows. einsum, not BLAS: OpenBLAS runs this matrix-vector product on all
    cores and its threads spin-wait when the cores are busy — measured on a loaded 2-core machine
    with 10k rows: 20 ms median through BLAS, 0.7 ms through einsum's single-threaded loop."""
    return np.einsum("ij,j->i", matrix, np.asarray(vec, dtype=np.float32))


class SnapshotCache:
    """Per-user snapshots, each valid while the user's revision in the database is unchanged.

    Thread-safe: the dict is guarded by a lock; a snapshot, once built, is never mutated.
    """

    def __init__(self):
        self._snapshots: dict[str, UserSnapshot] = {}
        self._lock = threading.Lock()

    def drop(self, user: str) -> None:
        with self._lock:
            self._snapshots.pop(user, None)

    def clear(self) -> None:
        with self._lock:
            self._snapshots.clear()

    def get(self, s, user: str) -> UserSnapshot | None:
        """The user's snapshot read through session `s`, rebuilt when their revision moved; None for
        an unknown user."""
        head = s.execute(select(UserRow.id, UserRow.revision).where(UserRow.name == user)).first()
        if head is None:
            self.drop(user)
            return None
        with self._lock:
            snap = self._snapshots.get(user)
        if snap is not None and (snap.user_id, snap.revision) == tuple(head):
            return snap
        # Rows and revision come from one read transaction, so they match each other.
        rows = s.execute(select(PreferenceRow).where(PreferenceRow.user_id == head[0],
                                                     PreferenceRow.status == "active")
                         .order_by(PreferenceRow.id)).scalars().all()
        learned = s.execute(select(UserWeightsRow.weights).where(UserWeightsRow.user_id == head[0])
                            ).scalar_one_or_none()
        snap = _build(user, head[0], head[1], rows, learned)
        snap.adapters = adapter_files.digests(s.connection(), head[0])
        with self._lock:
            self._snapshots[user] = snap
        return snap


def _build(user: str, user_id: int, revision: int, rows: list[PreferenceRow], learned: dict | None) -> UserSnapshot:
    active = [Preference.from_row(r, user) for r in rows]
    topical, vecs, free, free_vecs = [], [], [], []
    for r, p in zip(rows, active):
        if r.embedding is None:
            continue
        if p.scope == "topical":
            topical.append(p)
            vecs.append(from_bytes(r.embedding))
        if p.dimension is None:
            free.append(p)
            free_vecs.append(from_bytes(r.embedding))

    def stack(v):
        return np.vstack(v).astype(np.float32) if v else np.zeros((0, 0), dtype=np.float32)  # never searched

    return UserSnapshot(user_id, revision, active, topical, stack(vecs), free, stack(free_vecs),
                        [p for p in active if p.scope == "global"], dict(learned or {}),
                        stems=stem_index([p.text for p in topical]),
                        conditional=np.array([conditional_statement(p.text) for p in topical], dtype=bool))


def similar_free(snap: UserSnapshot | None, vec: np.ndarray | None) -> dict[int, float]:
    """Preference id → cosine for the user's dimensionless preferences close enough to `vec` to be a
    conflict or a duplicate (≥ `placement.SEARCH_SIM`)."""
    if snap is None or vec is None or not snap.free:
        return {}
    scores = cosines(snap.free_matrix, vec)
    return {snap.free[int(i)].id: float(scores[i]) for i in np.flatnonzero(scores >= SEARCH_SIM)}


# The user asks about their own life ("what should I…", "for me", "my…"): then who they are
# matters even where nothing links the two ("I'm on warfarin" for "is this kale smoothie good?").
_PERSONAL = re.compile(r"\b(?:i|i'm|i'd|i've|i'll|me|my|mine|myself|we|we're|our|us)\b"
                       # advice is asked for oneself even without "I": "any tips for swollen ankles?"
                       r"|\b(?:any (?:tips|suggestions|ideas|advice|recommendations)|(?:a )?good idea|"
                       r"(?:best|good) way to|"
                       r"recommend|should|okay for|ok for|safe to|worth it|"
                       # where the user is: "any good hikes nearby?", "within an hour of home"
                       r"nearby|near me|around here|of home|close to home|on a budget|locally|"
                       r"in (?:this|my) (?:area|city|town|country|neighbou?rhood)|here\s*[?!.]*$|"
                       # asking for a suggestion or saying what one needs: "suggest a podcast for my commute",
                       # "necesito una actividad…"
                       r"suggest|necesito|preciso|brauche|bisogno|besoin|"
                       r"(?:what'?s|what are|any) (?:a |some )?(?:good|fun|nice|cheap|easy|healthy)\b)"
                       # the first person and asking for advice in other languages: "wo kann ich…",
                       # "cosa posso ordinare…", "où aller…", "周末有什么好去处推荐？"
                       r"|\b(?:ich|mich|mir|mein\w*|wir|uns|je|j'|moi|mon|ma|mes|nous|yo|mis?|nosotros|io|mio|mia|"
                       r"noi|eu|meu|minha|ik|mij|mijn|jag|mig|jeg|meg|posso|devo|voglio|vorrei|dovrei|puedo|debo|"
                       r"quiero|debería|quero|puis-je|dois-je|devrais|où|dove|donde|dónde|onde|wo|empfiehl\w*|"
                       r"recommand\w*|recomiend\w*|consigli\w*|recomend\w*|я|мне|меня|мой|моя|мы)\b"
                       r"|推荐|推薦|おすすめ|추천|我|私|僕|저는|제가|나는|मैं|मुझे", re.I)


# Shared words: MiniLM reads English well and other languages poorly (a Turkish "migren" statement is
# hardly closer to a Turkish lamp question than any other Turkish sentence), so a word the prompt and a
# statement share — in any script, by a common beginning of at least `_STEM` letters and `_STEM_SHARE`
# of the shorter word ("migren"/"migrenim", "машину"/"машина"; not "interest"/"intermittent") — is a
# topical link of its own. CJK runs, which have no spaces, count by character bigrams; words that say
# nothing about a topic (a few per language) are left out.
_STEM, _STEM_SHARE = 5, 0.7
_WORD = re.compile(r"[^\W\d_]+")
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]+")
_FUNCTION_WORDS = frozenset("""
about after again because before being could doing every going other should their there these those which
while would where whose really still thing things think please maybe always never often
porque puede quiero tengo tiene donde cuando sobre desde hasta parce avoir comme quand toujours votre
quelque pourrais können könnte sollte welche nicht einen meine deine immer perché anche molto sempre
qualche questa questo który która które jestem bardzo mogę czego może nasıl neden hangi olarak için
gibi şimdi çünkü которые потому очень можно какой какая какие когда сейчас тоже всегда
""".split())
LEXICAL_BONUS = 0.3   # added to the cosine of a statement sharing a word with the prompt, when ranking


def _words(text: str) -> set[str]:
    text = text.casefold()
    words = {w for w in _WORD.findall(_CJK.sub(" ", text)) if len(w) >= _STEM and w not in _FUNCTION_WORDS}
    for run in _CJK.findall(text):
        words.update(run[i:i + 2] for i in range(len(run) - 1))
    return words


def _same_word(a: str, b: str) -> bool:
    if len(a) < _STEM or len(b) < _STEM:  # CJK bigrams: equal or not
        return a == b
    common = next((i for i, (x, y) in enumerate(zip(a, b)) if x != y), min(len(a), len(b)))
    return common >= _STEM_SHARE * min(len(a), len(b))


def stem_index(statements: list[str]) -> dict[str, dict[str, list[int]]]:
    """First `_STEM` letters → word → the indices of the statements with that topical word."""
    index: dict[str, dict[str, list[int]]] = {}
    for i, text in enumerate(statements):
        for word in _words(text):
            index.setdefault(word[:_STEM], {}).setdefault(word, []).append(i)
    return index


def shared_words(prompt: str, statements: list[str], index: dict[str, dict[str, list[int]]] | None = None
                 ) -> np.ndarray:
    """Per statement, whether it shares a topical word with `prompt` (any script); `index`: their
    `stem_index` when cached. A word found in more than half of three or more statements marks none of
    them (it is the user's way of speaking, not a topic). Cost: one lookup per word of the prompt."""
    index = stem_index(statements) if index is None else index
    n = len(statements)
    found = np.zeros(n, dtype=bool)
    for word in _words(prompt):
        rows = {i for other, at in index.get(word[:_STEM], {}).items() if _same_word(word, other) for i in at}
        if rows and (n < 3 or 2 * len(rows) <= n):
            found[list(rows)] = True
    return found


# A statement that names the topic it is for ("When I ask about gardening, use metric units", "for work
# emails, be formal", "en cuestiones de cocina…") applies to that topic, not to who the user is: a personal
# question elsewhere ("How do I make pad thai?") does not carry it. It still qualifies when close to the
# prompt, shares a word with it or constrains the prompt's life area.
_CONDITIONAL = re.compile(
    r"^\W*(?:(?:when(?:ever)?|if|any ?time|each time|every time)\s+(?:i|we|you)(?:'re|'m| am| are)?\s+"
    r"(?:ask\w*|talk\w*|chat\w*|writ\w*|discuss\w*|need help|want help|get help)\s+(?:you\s+)?"
    r"(?:about|on|with|regarding|for)\b"
    r"|when(?:ever)? it comes to\b|(?:for|in|with|on)\s+(?:any\s+|all\s+)?(?:questions?|topics?|anything|requests?|"
    r"answers?|help)\s+(?:about|on|regarding|related to|to do with)\b"
    # "for work emails, …", not "for every request, …" (that is every topic)
    r"|(?:for|in)\s+(?:my\s+)?(?!(?:every|all|any|each|future|other|these|those|the|your|such|most)\b)"
    r"(?:[\w-]+\s+){1,2}?(?:questions?|emails?|answers?|topics?|matters|requests?)\s*[,:]"
    # the same shapes in a few other languages: "cuando pregunte sobre…", "wenn ich nach … frage",
    # "quand je pose une question sur…", "quando chiedo di…", "quando eu perguntar sobre…"
    r"|cuando (?:te )?pregunte\w* (?:sobre|por|acerca)|en (?:temas|cuestiones|preguntas) de\b"
    r"|wenn ich (?:dich )?(?:nach|über|zu)\b[^,.]{1,40}\b(?:frage|spreche|rede)\b|bei fragen (?:zu|über|nach)\b"
    r"|quand je (?:te )?(?:pose|demande|parle)\w*|pour les questions (?:sur|de)\b"
    r"|quando (?:ti )?chiedo\b|quando (?:eu )?pergunt\w*)", re.I)


def conditional_statement(text: str) -> bool:
    """Whether a preference names, in its opening words, the topic it is for ("When I ask about gardening, …")."""
    return bool(_CONDITIONAL.search(text.replace("’", "'")))


def personal_question(prompt: str) -> bool:
    """Whether `prompt` asks about the user's own life (first person, or asking for advice), not about
    the world."""
    return bool(_PERSONAL.search(prompt.replace("’", "'")))


def select_profile(user: str, snap: UserSnapshot | None, prompt: str | None, k: int, min_similarity: float,
                   embed_query: Callable[[str], np.ndarray], embedder=None) -> Profile:
    """The Profile for `prompt` from the user's snapshot (None: an unknown user, an empty profile).

    Topical preferences qualify when their cosine to the prompt is at least `min_similarity` or they
    share a word stem with it (`shared_words`, for languages the embedder reads poorly; ranked
    `LEXICAL_BONUS` higher), or, given the `embedder`, when they constrain a life area the prompt
    asks about (`areas`: "I keep kosher" for "a recipe for a casserole"), or when the prompt asks
    about the user's own life (`personal_question`: "can I take this serum?" carries "I'm pregnant"), unless they
    name a topic of their own (`conditional_statement`: "When I ask about gardening, use metric units").
    `k` at most, in that order of kinds, each by cosine: a question about the world ("explain the Fourier transform")
    carries only what is close to it. Close matches take up to `k` places besides the global
    preferences; the looser kinds fill the profile only up to `k` preferences in all.

    Implicit preferences below IMPLICIT_MIN_CONFIDENCE are left out, and every text passes the
    safety check again (rows written by other tools are not trusted blindly). `embed_query` is called
    only when there are topical preferences to search.
    """
    if snap is None:
        return Profile(user, None)

    def usable(p: Preference) -> bool:
        if p.kind == "implicit" and p.confidence < IMPLICIT_MIN_CONFIDENCE:
            return False
        return check_text(p.text).allowed

    chosen = [p for p in snap.globals if usable(p)]
    sims: dict[int, float] = {}
    if prompt is not None and k > 0 and snap.topical:
        query = embed_query(prompt)
        scores = cosines(snap.matrix, query)
        direct = scores >= min_similarity
        area = np.zeros_like(direct)
        if embedder is not None:
            area = (preference_areas(embedder, snap.matrix) & prompt_areas(embedder, query)).any(axis=1)
        # A shared word counts as a close match, and ranks a statement above those only close in meaning.
        lexical = shared_words(prompt, [p.text for p in snap.topical], snap.stems)
        close = direct | lexical
        rank = scores + LEXICAL_BONUS * lexical
        background = np.full(len(snap.topical), personal_question(prompt))
        if snap.conditional is not None:
            background &= ~snap.conditional
        qualifies = close | area | background
        order = sorted(np.flatnonzero(qualifies), key=lambda i: (not close[i], not area[i], -rank[i]))
        taken = 0
        for i in order:
            p = snap.topical[int(i)]
            # Close matches may take all k places; the looser kinds only what is left of k in the whole profile.
            room = taken < k if close[i] else len(chosen) < k
            if room and usable(p):
                chosen.append(p)
                sims[p.id] = round(float(scores[i]), 4)
                taken += 1
    chosen.sort(key=lambda p: (p.kind != "explicit", p.scope != "global", -sims.get(p.id, 0.0), p.id))
    weights = {}
    for p in chosen:
        if p.dimension is not None and p.dimension not in weights:
            weights[p.dimension] = round(p.signed_weight, 6)
    text = "\n".join(p.text for p in chosen) or None
    return Profile(user, text, tuple(chosen), weights, sims, dict(snap.learned))
