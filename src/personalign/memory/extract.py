"""Which sentences of a chat message state a preference or circumstance worth remembering.

"I'm vegan — what should I cook tonight?" holds one statement ("I'm vegan") and one question. The
detector runs offline in three steps, each inspectable:

1. **Clauses**: quoted text (`"…"`, `“…”`, `«…»`, code, `>` lines) is removed — words someone else
   wrote are not the user's; the rest is split into sentences, and a question is split from a
   statement before it ("I'm vegan, what …", "I'm vegan so what …").
2. **Candidates** (patterns): a clause that speaks of the user in the first person ("I …", "my …",
   "as a …"), or asks for a way of answering (`classify.asks_about_answers` with a style pole, or a
   lasting instruction: "from now on", "always"). Ruled out before any model runs: questions,
   hypotheticals ("if I were vegan"), the past ("I used to be vegan", "when I was a kid"), denials
   ("I never said I was allergic"), and facts about other people ("my brother is vegan").
3. **Classifier** (first-person candidates; a style request is kept on the rules): logistic
   regression on the clause's all-MiniLM-L6-v2 embedding separates lasting
   self-statements ("I live in Toronto", "I have a bad back") from first-person talk that is not one
   ("I have a question", "I'm going to the store later"). Weights: ``data/statements.npz``, trained
   on ``data/statements.jsonl`` (sentences written for this purpose) by
   ``python -m personalign.memory.extract_train``.

Only the latest user message of a conversation is read (earlier turns were read when they were
new); assistant and system messages never are.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np

from personalign.memory.classify import asks_about_answers, classify_preference

WEIGHTS_PATH = Path(__file__).parent / "data" / "statements.npz"
MAX_MESSAGE_CHARS = 4000        # a pasted document is not a self-description; only its start is read
MAX_STATEMENTS = 5              # per message
MAX_CLAUSE_CHARS = 300

_QUOTED = re.compile(r'```.*?```|`[^`\n]*`|"[^"\n]{0,600}"|“[^”\n]{0,600}”|«[^»\n]{0,600}»|„[^“\n]{0,600}“'
                     r"|‘[^’\n]{0,600}’|(?<!\w)'[^'\n]{2,300}'(?!\w)", re.S)  # an apostrophe inside a word is no quote
# A message that sets up fiction or role-play speaks for a character, not for the user
_FICTION = re.compile(r"\b(?:role-?play\w*|pretend(?:ing)?|in character|my character|(?:a|the) story|murder mystery|"
                      r"i'?m playing (?:a|an|the)|act(?:ing)? as|you'?re (?:a|an) \w+ and i'?m)\b", re.I)
_QUOTE_LINE = re.compile(r"^\s*>.*$", re.M)
_SENTENCE = re.compile(r"(?<=[.!?])\s+|\n+|\s+[—–]\s+|\s+-\s+|;\s*|\s*[—–]\s*(?=[a-z]{2,} )")
_WH = (r"(?:what|what's|how|which|where|when|why|who|whom|whose|can|could|would|should|shall|do|does|did|is|are|"
       r"was|were|will|any|anything|got|please|pls|recommend|suggest|help|tell|give|show|find|i need|i'd like|i want|"
       r"i'd love)\b")
_CLAUSE_BREAK = re.compile(rf",\s+(?={_WH}|am i\b|(?:i'?m|im|i am|i have|i've|ive|my)\s)"
                           rf"|\s+(?:so|and so|but|and)\s+(?={_WH})|:\s+"
                           rf"|,?\s+(?:and|but|also|plus)\s+(?=(?:i|i'm|im|i've|my)\s)", re.I)  # one fact per clause

_LEAD = (r"(?:(?:oh|well|so|btw|by the way|fyi|also|and|but|just so you know|for context|for the record|"
         r"heads up|note|ok|okay|hi|hey|hello|yeah|yes|um|actually|honestly|anyway|ah|also note|quick note|"
         r"these days|nowadays|lately|recently|currently|right now|at the moment|as of (?:today|now|this \w+)|"
         r"starting (?:today|now|this \w+)|since (?:last|this) \w+|for what it'?s worth|fwiw|personally)"
         r"[,:!.]?\s+)*")
_FIRST_PERSON = re.compile(
    rf"^{_LEAD}(?:i|i'm|im|i've|ive|i'd|i'll|my|me|mine|as an?|being(?: an?)?|we|we're|our|"
    rf"(?:since|because|after|now that|ever since) (?:my|i|i'm|i've)"
    # the subject dropped, as people text: "allergic to kiwi", "can't stand jazz", "big fan of rugby"
    rf"|(?:severely |very |mildly |super )?(?:allergic|intolerant|sensitive) to"
    rf"|(?:really |totally |absolutely |definitely |just |also )?"
    rf"(?:can'?t|cannot|don'?t|do not|never|always|only|won'?t)"
    rf" (?:eat|drink|stand|handle|tolerate|do|like|love|hate|prefer|avoid|enjoy|use|go|fly|"
    rf"drive|own|have|touch|watch|read)"
    rf"|(?:really |totally |absolutely |not |not really |not much of )?(?:an? )?"
    rf"(?:big |huge |massive )?(?:fan|lover|fanatic) of"
    rf"|(?:really |totally |super )?into"
    rf"|(?:love|hate|prefer|adore|enjoy|avoid|dislike|loathe|despise|detest)s?"
    rf"|(?:no longer|not \w+ing|quit|stopped|started|gave up|switched to|went back to|became|been)"
    rf"|(?:not much of|not really|kind of|sort of|more of) an? \w+ (?:person|fan|type|guy|gal|girl|eater|drinker)"
    rf"|(?:mom|mum|dad|mother|father|parent|grandma|grandpa) of"
    rf"|(?:single|stay-at-home|working|new|first-time|newly|recently|happily) \w+"
    rf"|(?:moved|moving|retired|divorced|married|engaged|unemployed|self-employed|back on|back to|counting|tracking|"
    rf"trying to|cutting out|cutting back|recovering from|living with|dealing with|"
    rf"just (?:had|moved|started|got|turned))"
    rf"|[\w' -]{{2,40}}? here(?=[,.!]|\s*$)"
    rf"|(?:currently |now )?(?:living|based|working|studying|staying) (?:in|at|from|as)"
    rf"|\w+(?: \w+)? here(?=[,.!]|$))\b", re.I)
# "cilantro tastes like soap to me", "nothing with nuts for me": the user as object
_ME_OBJECT = re.compile(r"\b(?:for me|to me|gives? me|makes? me|bothers? me|drives? me|upsets? my|triggers? my|"
                        r"my (?:thing|jam|favou?rite|go-to|weakness|trigger)|how i like it|i just can'?t do|"
                        r"i don'?t do)\b",
                        re.I)
# A condition or practice named without a subject ("mustard allergy", "type 1 diabetic, on a pump")
_SELF_CONDITION = re.compile(
    r"\b(?:allerg(?:y|ic|ies)|intoleran(?:t|ce)|diabetic|asthmatic|coeliac|celiac|pregnant|vegan|vegetarian|"
    r"pescatarian|kosher|halal|on (?:warfarin|insulin|metformin|blood thinners|medication|meds|antidepressants|"
    r"a pump)|wheelchair|deaf|hard of hearing|blind|dyslexic|adhd|autistic|epilep\w+|migraines?|chronic \w+)\b", re.I)
_NOT_ME = re.compile(r"^(?:he|she|they|his|her|their|people|someone|anyone|everyone|nobody|vegans|vegetarians|kids|"
                     r"children|is|are|was|were|does|do|can|the|a|an|this|that|it)\b", re.I)
# Statements in other languages (the classifier reads English only, so these are kept on the rules)
_FIRST_PERSON_OTHER = re.compile(
    r"^(?:soy|estoy|tengo|vivo|trabajo|prefiero|me gusta|me encanta|odio|no como|no bebo|no me gusta|"
    r"je suis|j'ai|je vis|j'habite|je travaille|je préfère|j'aime|je n'aime|je déteste|je ne mange|je ne bois|"
    r"ich bin|ich habe|ich wohne|ich lebe|ich arbeite|ich mag|ich esse|ich trinke|ich hasse|ich bevorzuge|"
    r"sono|ho|abito|lavoro|preferisco|mi piace|non mangio|non bevo|"
    r"sou|estou|tenho|moro|trabalho|prefiro|gosto|odeio|não como|não bebo|eu)\b", re.I)
_POLITE_ASK = re.compile(r"^(?:can|could|would|will) you\b|^please\b", re.I)
# A lasting instruction about the form of answers, with or without a style pole: "use metric units".
_FORMAT = re.compile(r"^(?:please |pls |and |also |always |from now on,? |going forward,? )*(?:use|don'?t use|"
                     r"do not use|never use|avoid|no more|stop using|reply|answer|respond|write|talk|speak)\b", re.I)
_LASTING = re.compile(r"\b(?:from now on|going forward|in (?:the )?future|always|never|every time|by default|"
                      r"for all (?:your )?(?:answers|replies))\b", re.I)
_HYPOTHETICAL = re.compile(r"^(?:if|imagine|suppose|supposing|pretend|let'?s say|what if|hypothetically|say i)\b"
                           r"|\bif i (?:were|was|had|lived|moved|became|wanted)\b|\bwould i\b|\bi wonder\b"
                           # tentative: "I might start running", "I'm considering moving"
                           r"|\bi (?:might|may|could) (?!not\b)|\b(?:considering|toying with|thinking (?:of|about)|"
                           r"at some point|who knows|i suppose|maybe one day|someday)\b", re.I)
_PAST = re.compile(r"\b(?:used to|use to|when i was (?:a |an |young|little|small|in|at)|back (?:in|when)|"
                   r"years ago|as a (?:kid|child|teen|teenager|student)|in my (?:teens|twenties|thirties|youth)|"
                   r"i once|in the past|when i was \d+|as a (?:baby|toddler)|grew out of|(?:before|"
                   r"during) the pandemic|"
                   r"for (?:a while|one summer|a summer|a year|a few years) (?:before|back|when|in)|for one summer)\b",
                   re.I)
_DENIAL = re.compile(r"\bi (?:never|didn'?t|did not|don'?t think i) (?:said|say|mention|mentioned|tell|told|claim)\b"
                     r"|\bthat'?s not what i (?:meant|said)\b|\bnot what i said\b|\bi quote\b"
                     # "I'm not a doctor, I just read a lot", "I was asking for a friend"
                     r"|\b(?:asking for a friend|(?:was |i'?m )?just (?:curious|asking|wondering)|only visiting|"
                     r"i just read a lot)\b", re.I)
# A style word about one particular answer ("too basic", "the short version this time") is no lasting preference
_ONE_ANSWER = re.compile(r"\b(?:this time|for this one|for this|just this once|this \w+|that \w+|(?:your |the )?"
                         r"(?:previous|last|earlier) (?:answer|reply|one|response)|meh|wow)\b", re.I)
_OTHERS = re.compile(
    r"^(?:my|our) (?:\w+ )?(?:brother|sister|sibling|mom|mum|mother|dad|father|parents?|wife|husband|partner|spouse|"
    r"boyfriend|girlfriend|fianc[ée]e?|son|daughter|kids?|child|children|baby|friends?|buddy|boss|manager|"
    r"co-?workers?|colleagues?|roommates?|flatmates?|neighbou?rs?|teachers?|grand(?:ma|pa|mother|father|parents)|"
    r"aunt|uncle|cousins?|family|team|client|customers?|students?|dog|cat|puppy|kitten|pets?)s?\b", re.I)
# "write a short poem": this answer only
_ONE_OFF = re.compile(r"^(?:please |pls |can you |could you )?(?:write|draft|compose|create|make|generate|give me|"
                      r"tell me|"
                     r"list|plan|suggest|find|translate|summari[sz]e|rewrite|describe|show me)\s+(?:me\s+)?"
                     r"(?:a|an|some|one|two|three|four|five|\d+|this|that|these|those|the following|my|it)\b", re.I)
# Reported speech: "my neighbour told me…", "my mate reckons…" is their view, not the user's circumstance;
# the user's clinicians are the exception ("my doctor says I can't have salt")
_REPORTED = re.compile(r"^(?:my|our|a|the) (?:[\w'-]+ ){0,3}?(?:told me|tells me|says|said|thinks|reckons|asked me|"
                       r"wants me|suggested|recommends|swears|keeps saying)\b", re.I)
_CLINICIAN = re.compile(r"^(?:my|our) (?:doctor|gp|physician|dietitian|dietician|nutritionist|therapist|cardiologist|"
                        r"dentist|physio|physiotherapist|midwife|specialist|consultant|psychiatrist|nurse)\b", re.I)
_ABOUT_ME = re.compile(r"\b(?:me|i|i'm|my)\b", re.I)  # "my doctor told me to avoid salt" is about me
_CODE = re.compile(r"[{};]|\w\(|\\[wdsbn]|/\^|^\s*(?:#|//|/\*)|^\s*(?:def|class) \w+\s*[(:]|^\s*(?:import \w|"
                   r"from [\w.]+ import )"
                   r"|^\s*(?:select|insert|update|delete) .* (?:from|into|set)\b"
                   r"|^\s*(?:npm|pip|git|docker|sudo) \w", re.I)
_WORD = re.compile(r"[\w'-]+")


@dataclass(frozen=True)
class Statement:
    """One clause of a message that states a preference or circumstance."""

    text: str          # the clause, as it will be stored
    start: int         # its span in the (unquoted) message, for showing where it came from
    end: int
    score: float       # the classifier's P(statement); 1.0 when the classifier is unavailable and the rules decide
    kind: str          # STYLE, OTHER_LANGUAGE or FIRST_PERSON (see `candidate`)

    @property
    def style(self) -> bool:
        """A request about how to answer rather than a fact about the user."""
        return self.kind == STYLE


@dataclass(frozen=True)
class StatementClassifier:
    weights: np.ndarray   # (2, dim): not-a-statement, statement
    bias: np.ndarray
    threshold: float

    def probability(self, embeddings: np.ndarray) -> np.ndarray:
        from personalign.models.linear import softmax

        return softmax(embeddings @ self.weights.T + self.bias)[:, 1]

    def save(self, path: Path) -> None:
        np.savez_compressed(path, weights=self.weights.astype(np.float32), bias=self.bias.astype(np.float32),
                            threshold=np.array(self.threshold, dtype=np.float32))


@lru_cache(maxsize=4)
def load_classifier(path: Path = WEIGHTS_PATH) -> StatementClassifier:
    with np.load(path, allow_pickle=False) as data:
        return StatementClassifier(data["weights"], data["bias"], float(data["threshold"]))


def clauses(message: str) -> list[tuple[int, int, str]]:
    """(start, end, text) of every clause outside quotes and code, in order."""
    text = message[:MAX_MESSAGE_CHARS]
    text = _QUOTE_LINE.sub(lambda m: " " * len(m.group(0)), text)
    text = _QUOTED.sub(lambda m: " " * len(m.group(0)), text)
    out = []
    for piece in _split_keep(text, _SENTENCE):
        for part in _split_keep(piece[2], _CLAUSE_BREAK):
            start = piece[0] + part[0]
            stripped = part[2].strip(" \t,")
            if stripped:
                offset = part[2].find(stripped)
                out.append((start + offset, start + offset + len(stripped), stripped))
    return out


def _split_keep(text: str, pattern: re.Pattern) -> list[tuple[int, int, str]]:
    spans, last = [], 0
    for m in pattern.finditer(text):
        spans.append((last, m.start(), text[last:m.start()]))
        last = m.end()
    spans.append((last, len(text), text[last:]))
    return [s for s in spans if s[2].strip()]


STYLE, OTHER_LANGUAGE, FIRST_PERSON = "style", "other_language", "first_person"
RULES_DECIDE = (STYLE, OTHER_LANGUAGE)  # the classifier reads English self-statements only


def candidate(clause: str) -> str | None:
    """What kind of candidate a clause is: `STYLE` (a request about answers), `OTHER_LANGUAGE` (a
    first-person statement in another language) — both kept on the rules alone — or `FIRST_PERSON`
    (judged by the classifier); None when ruled out."""
    s = clause.strip().replace("’", "'")
    if s.endswith("?") and _POLITE_ASK.match(s) and classify_preference(s) is not None and not _ONE_OFF.search(s):
        return STYLE  # "could you keep it short?" asks for a way of answering
    if (len(s) > MAX_CLAUSE_CHARS or s.endswith("?") or _CODE.search(s)
            or len(_WORD.findall(s)) < 2 and not _FIRST_PERSON.match(s)):
        return None
    if _FIRST_PERSON_OTHER.match(s):
        return OTHER_LANGUAGE
    if _HYPOTHETICAL.search(s) or _PAST.search(s) or _DENIAL.search(s):
        return None
    if _REPORTED.match(s) and not _CLINICIAN.match(s):
        return None
    others = _OTHERS.match(s)
    if others and not _ABOUT_ME.search(s[others.end():]):
        return None
    if asks_about_answers(s) and (classify_preference(s) is not None or _FORMAT.match(s)) \
            and not ((_ONE_OFF.match(s) or _ONE_ANSWER.search(s)) and not _LASTING.search(s)):
        return STYLE
    if _FIRST_PERSON.match(s) or _ME_OBJECT.search(s) or (_SELF_CONDITION.search(s) and not _NOT_ME.match(s)):
        return FIRST_PERSON
    return None


def extract_statements(message: str, embedder=None, classifier: StatementClassifier | None = None) -> list[Statement]:
    """The statements of preference or circumstance in one user message (at most `MAX_STATEMENTS`).

    `embedder` (unit-row `embed(list[str])`) runs the classifier; without it, or without shipped
    weights, every rule-passing candidate counts (the rules alone are stricter about questions and
    quotes than about "I have a question").
    """
    if _FICTION.search(message[:MAX_MESSAGE_CHARS]):
        return []
    found = []
    for start, end, text in clauses(message):
        kind = candidate(text)
        if kind is not None:
            found.append((start, end, _clean(text), kind))
    if not found:
        return []
    if embedder is not None and classifier is None and WEIGHTS_PATH.is_file():
        classifier = load_classifier()
    if embedder is None or classifier is None:
        scores = np.ones(len(found))
    else:
        scores = classifier.probability(np.asarray(embedder.embed([t for _, _, t, _ in found]), dtype=np.float32))
    # A style request passed rules strict enough on their own (a pole word in a request about answers);
    # the classifier judges the first-person candidates, where "I have a question" must be told apart.
    keep = [Statement(t, s, e, float(p), kind) for (s, e, t, kind), p in zip(found, scores)
            if kind in RULES_DECIDE or classifier is None or embedder is None or p >= classifier.threshold]
    return keep[:MAX_STATEMENTS]


_FILLER = re.compile(rf"^{_LEAD}", re.I)


def _clean(text: str) -> str:
    text = _FILLER.sub("", text.strip()).strip(" ,;:-").rstrip(".")
    text = re.sub(r"\s+", " ", text)
    return text[:1].upper() + text[1:] if text else text
