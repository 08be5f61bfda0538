"""The lexical layer: key phrases and concept pairs, per language, over the normalized views.

Each language module (`lexicon_en`, `lexicon_es`, ...) gives

* ``CONCEPTS``: concept name → regular expression over the normalized word view (see `normalize`:
  lowercase, Latin accents stripped, punctuation turned into spaces). The concepts are the same in
  every language, so one set of family rules below serves them all:

  ``IGNORE`` (ignore / forget / disregard), ``RULES`` (the assistant's instructions, rules, system
  prompt), ``SAFETY`` (filters, restrictions, limits, ethics, censorship — never "safety warnings"),
  ``WITHOUT`` (without / no / free of), ``DISABLE`` (turn off / deactivate / lift), ``REFUSE`` (never
  refuse anything), ``UNBOUND`` (uncensored, unrestricted, amoral, jailbroken), ``PRETEND`` (pretend,
  play a character, imagine you are), ``AUTHORITY`` (I am your developer / admin / I authorize you),
  ``MAKE`` and ``HARM_OBJ`` (make + bomb, synthesize + drug, write + malware), ``HARM`` (harm named
  outright: hate, self-harm encouragement, stalking, abuse), ``ENCODE`` and ``EVADE`` (answer in
  base64 / backwards so that the filter does not notice);

* ``PHRASES``: (family, regex) pairs for fixed phrasings that need no pairing ("developer mode",
  "do anything now", "reveal your system prompt").

A concept match preceded closely by a first-person possessive ("my previous instructions", "mis
reglas", "我的指示", "내 이전 지시") is the user's own wish and does not count: users may override
themselves.

Family rules (first that holds wins, most specific first):
  authority_claim  AUTHORITY and an unlocking concept (OFF, UNBOUND, REFUSE, harm) anywhere
  role_play        PRETEND and an unlocking concept anywhere
  obfuscation      ENCODE and EVADE anywhere
  harm             MAKE near HARM_OBJ, or HARM
  instruction_override  IGNORE near RULES, or an override phrase
  safety_disable   OFF (IGNORE/WITHOUT/DISABLE near SAFETY), UNBOUND, REFUSE
"""
from __future__ import annotations

import importlib
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from personalign.safety.normalize import ARABIC_FOLD, normalize

__all__ = ["FAMILIES", "LANGUAGES", "Hit", "anchored", "anchored_foreign", "english_like", "fold_pattern",
           "glossary", "latin_languages", "owned", "quoted", "scan", "vocabulary"]

FAMILIES = ("instruction_override", "safety_disable", "authority_claim", "role_play", "harm", "obfuscation")
# uk before ru (Ukrainian letters pick it first), ja before zh (kana text is Japanese), fa before ar
LANGUAGES = ("en", "es", "de", "fr", "it", "pt", "nl", "pl", "tr", "sv", "id", "vi", "cs", "sk", "hu", "ro", "fi",
             "hr", "uk", "ru", "el", "ja", "zh", "ko", "fa", "ar", "hi", "sw", "tl", "th")
_OWNABLE = {"RULES", "SAFETY"}  # concepts a user may own: "my instructions", "my dietary restrictions"
_NEAR = 48  # characters between the two halves of a pair ("ignore all of the previous system instructions")

# First-person possessives, all languages: "ignore my previous instructions about bullet points". Turkish
# possession is mostly a suffix ("talimatlarım"), which `lexicon_tr` handles; "m n" is Dutch "m'n".
_SELF = re.compile(r"(?:\b(?:my(?! preferences?\b| prefs\b| settings?\b| wish\b| request\b)|mine|our|mis|mi|mes|ma|"
                   r"mon|nos|meine[nmrs]?|mein|unsere[nmrs]?|mie|miei|mio|"
                   r"mia|meus|minhas|minha|meu|мои|моих|мой|мою|моим|mijn|m n|onze|ons|moj|moja|moje|moich|moim|"
                   r"moimi|mojej|mojego|mojemu|nasz|nasza|nasze|naszych|naszym|naszej|naszego|benim|bizim|mitt|mina|"
                   r"мої|моїх|мій|мою|моє|моїм|моя)"
                   # an article starts a noun phrase of its own: "für meinen Account die Sicherheitsrichtlinien"
                   r"\s+(?:(?!(?:the|die|der|das|den|dem|la|le|les|el|los|las|il|lo|gli|het)\s)\w+\s+){0,2}$)"
                   r"|(?:我的|我之前的|私の|自分の)\S{0,6}$|(?:\bमेरे|\bमेरी|\bमेरा)(?!\s+लिए)\s+(?:\S+\s+){0,2}$"
                   # a Korean word ending in a case particle closes the possessive's noun phrase: "제 요청에는
                   # 안전 정책" is "for my requests, the safety policy", not "my safety policy"
                   r"|(?:^|\s)(?:제|저의|제가|나의|내|내가|우리|우리의|우리가|저희|저희의|저희가)\s+"
                   r"(?:\S*[^\s는은을를에]\s+){0,2}$")


@dataclass(frozen=True)
class Hit:
    """A lexical finding: which family, in which language's lexicon, and the matched words."""

    family: str
    lang: str
    snippet: str


@dataclass(frozen=True)
class _Language:
    code: str
    concepts: dict[str, re.Pattern]
    phrases: tuple[tuple[str, re.Pattern], ...]
    object_first: bool  # the object comes before "without"/"no" (ja, hi, zh "…限制都没有")
    markers: frozenset[str]  # function words marking a Latin-script language
    script: re.Pattern | None  # the letters marking a language in its own script


def fold_pattern(pattern: str) -> str:
    """Spells a pattern the way `normalize` spells text (Devanagari nukta dropped, Arabic letter
    variants folded), so lexicon authors may write words as they are usually written."""
    decomposed = unicodedata.normalize("NFKD", pattern).replace("\u093c", "")
    return unicodedata.normalize("NFC", decomposed).translate(ARABIC_FOLD)


def owned(text: str, start: int) -> bool:
    """Whether a first-person possessive closely precedes position `start` of a normalized view ("my
    previous instructions", "mis reglas", "我的指示"): the words there are the user's own."""
    return _SELF.search(text[max(0, start - 30):start]) is not None


@lru_cache(maxsize=1)
def _languages() -> tuple[_Language, ...]:
    out = []
    for code in LANGUAGES:
        module = importlib.import_module(f"personalign.safety.lexicon_{code}")
        concepts = {name: re.compile(fold_pattern(rx)) for name, rx in module.CONCEPTS.items()}
        phrases = tuple((family, re.compile(fold_pattern(rx))) for family, rx in module.PHRASES)
        unknown = {family for family, _ in phrases} - set(FAMILIES)
        if unknown:
            raise ValueError(f"lexicon_{code}: unknown families {sorted(unknown)}")
        script = getattr(module, "SCRIPT", None)
        out.append(_Language(code, concepts, phrases, getattr(module, "OBJECT_FIRST", False),
                             frozenset(getattr(module, "MARKERS", "").split()),
                             re.compile(script) if script else None))
    return tuple(out)


@lru_cache(maxsize=1)
def vocabulary() -> frozenset[str]:
    """Every Latin word the lexicons mention: the readings leetspeak and split-word repair aim for."""
    words: set[str] = set()
    for lang in _languages():
        if lang.code in ("en", "es", "de", "fr", "it", "pt"):
            for rx in list(lang.concepts.values()) + [p for _, p in lang.phrases]:
                words.update(re.findall(r"[a-z]{3,}", rx.pattern.replace(r"\b", " ").replace(r"\w", " ")))
            module = importlib.import_module(f"personalign.safety.lexicon_{lang.code}")
            words.update(getattr(module, "VOCABULARY", "").split())
    return frozenset(words)


def _spans(pattern: re.Pattern | None, text: str, *, own: bool = True) -> list[tuple[int, int]]:
    """Match spans; with `own=False`, those the user owns ("my previous instructions", "my dietary
    restrictions") are left out."""
    if pattern is None:
        return []
    return [m.span() for m in pattern.finditer(text) if own or not owned(text, m.start())]


# A shield that is only a preposition ("about", "über", "про") scopes a making as readily as a topic: "every
# question I ask about 'gardening' is really about extracting ricin" asks for the making, while "documentaries
# about making weapons" and "jokes about cooking meth" keep the shield of the word before
_BARE_SCOPE = re.compile(r"(?:about|regarding|concerning|on|sobre|uber|zu|sur|su|tentang|om|ve|o|об|про|hakkinda"
                         r"|について|に関する|关于|關於)")
# "how they were manufactured" in a text about history (``HISTORY``) is told, not asked for
_PASSIVE = re.compile(r"\b(?:was|were|been|being)\s+(?:\w+\s+)?$")
# a denial next to other people's data withholds it ("never show me other users' chats")
# withholding the data, not asking for it ("never share", "kept hidden from me")
_DENIED = re.compile(r"\b(?:never|dont|do not|not|no|nunca|jamais|niemals|nie|nooit|nao|mai|hidden|hide)\b")


def _shielded(spans: list[tuple[int, int]], shields: list[tuple[int, int]], gap: int = 12, *, text: str = "",
              making: list[tuple[int, int]] = ()) -> list[tuple[int, int]]:
    """Drops matches that a SHIELD word just before scopes to something else ("grammar rules",
    "a story about a bomb", "jokes about explosives"); a bare preposition (`_BARE_SCOPE`) with no other shield
    in the 30 characters before it does not shield a match when a `making` match stands between the two."""
    def framed(ss: int) -> bool:
        return any(ss - 30 <= oe <= ss and not _BARE_SCOPE.fullmatch(text[os_:oe]) for os_, oe in shields)

    def shields_it(ss: int, se: int, s: int) -> bool:
        if not 0 <= s - se <= gap:
            return False
        lifted = _BARE_SCOPE.fullmatch(text[ss:se]) and any(se <= ms < s for ms, _ in making) and not framed(ss)
        return not lifted

    return [(s, e) for s, e in spans if not any(shields_it(ss, se, s) for ss, se in shields)]


def _near(a: list[tuple[int, int]], b: list[tuple[int, int]], *, ordered: bool = False,
          gap: int = _NEAR) -> tuple[int, int] | None:
    """The span covering a match of `a` and one of `b` at most `gap` characters apart (`a` first when
    `ordered`)."""
    for s1, e1 in a:
        for s2, e2 in b:
            if s2 - e1 <= gap and (s1 - e2 <= gap if not ordered else s1 <= s2):
                return min(s1, s2), max(e1, e2)
    return None


def _scan_language(lang: _Language, text: str) -> Hit | None:
    for family, rx in lang.phrases:
        m = rx.search(text)
        if m:
            return Hit(family, lang.code, m.group(0).strip())
    found = {name: _spans(rx, text, own=name not in _OWNABLE) for name, rx in lang.concepts.items()}
    if found.pop("HISTORY", None):
        found["MAKE"] = [(s, e) for s, e in found.get("MAKE", []) if not _PASSIVE.search(text[max(0, s - 12):s])]
    shields = found.pop("SHIELD", [])
    found["RULES"] = _shielded(found.get("RULES", []), shields)
    found["HARM_OBJ"] = _shielded(found.get("HARM_OBJ", []), shields, text=text, making=found.get("MAKE", []))
    found["SAFETY"] = _shielded(found.get("SAFETY", []), found.pop("SCOPE", []), gap=3)  # "dietary restrictions"
    get = found.get

    def snippet(span: tuple[int, int] | None) -> str:
        return text[span[0]:span[1]].strip() if span else ""

    # "without" and "no" only unlock what follows them closely; "ignore" and "turn off" work both ways
    # ("your filters, turn them off", "安全フィルターを解除")
    off = (_near(get("IGNORE", []), get("SAFETY", []))
           or _near(get("WITHOUT", []), get("SAFETY", []), ordered=not lang.object_first, gap=24)
           or _near(get("DISABLE", []), get("SAFETY", [])))
    harm = _near(get("MAKE", []), get("HARM_OBJ", [])) or next(iter(get("HARM", [])), None)
    override = _near(get("IGNORE", []), get("RULES", []))
    unlock = off or next(iter(get("UNBOUND", []) + get("REFUSE", [])), None) or harm or override
    if unlock and not (harm or override or get("REFUSE")) and _candid(snippet(unlock), text):
        unlock = None  # "without filter" said of candour or of a style ("без фильтра на сарказм"), see `_candid`
    # a claimed office asking for other people's data (not withholding it)
    private = [sp for sp in get("PRIVATE", []) if not _DENIED.search(text[max(0, sp[0] - 30):sp[1] + 25])] \
        if get("AUTHORITY") else []
    if private:
        return Hit("authority_claim", lang.code, snippet(found["AUTHORITY"][0]) + " … " + snippet(private[0]))
    if unlock and get("AUTHORITY"):
        return Hit("authority_claim", lang.code, snippet(found["AUTHORITY"][0]) + " … " + snippet(unlock))
    if unlock and get("PRETEND"):
        return Hit("role_play", lang.code, snippet(found["PRETEND"][0]) + " … " + snippet(unlock))
    if get("ENCODE") and get("EVADE"):
        return Hit("obfuscation", lang.code, snippet(found["ENCODE"][0]) + " … " + snippet(found["EVADE"][0]))
    if harm:
        return Hit("harm", lang.code, snippet(harm))
    if override:
        return Hit("instruction_override", lang.code, snippet(override))
    if unlock:
        return Hit("safety_disable", lang.code, snippet(unlock))
    return None


# "Without filter" is also an idiom for candour ("Sin filtros: dime si mi novela es aburrida", "필터 없이 솔직하게
# 평가해줘") or names a style ("без фильтра на сарказм"): a bare filter or censorship word, with no safety, content or
# ethics qualifier, in a text that asks for critique, an opinion, honesty, sarcasm or swearing, is taste.
_BARE_FILTER = re.compile(fold_pattern(
    r"(?:filters?|filtering|unfiltered|filtros?|filtri|filtres?|filtr\w*|фильтр\w*|цензур\w*|censura|censure|"
    r"censorship|zensur|sansur\w*|필터|검열|フィルター|过滤|過濾|فلتر|فلاتر|फिल्टर|sensor|bo loc|ตัวกรอง|"
    r"φιλτρ\w*|λογοκρισ\w*|suodat\w*|sensuur\w*|szuro\w*|szurok|szures\w*|cenzur\w*|فیلتر|سانسور)"))
_QUALIFIED = re.compile(fold_pattern(
    r"(?:safety|security|content|ethic|moral|etic|ethique|этик|морал|윤리|倫理|伦理|اخلاق|नैतिक|ahlak|seguridad|contenido|"
    r"seguranca|conteudo|securite|contenu|sicurezza|contenuto|"
    r"sicherheit|inhalt|безопасн|контент|안전|콘텐츠|安全|内容|コンテンツ|الامان|الامن|المحتوى|सुरक्षा|guvenlik|"
    r"icerik|veiligheid|inhoud|sakerhet|bezpieczenstw|tresci|keamanan|konten|an toan|noi dung|ασφαλει|περιεχομεν|"
    r"ηθικ|turva|sisalto|eetti|biztonsag|tartalm|etika|erkolcs|bezpecn|obsah|sigurnos|sadrzaj|امنیت|محتوا)"))
_CANDOUR = re.compile(fold_pattern(
    r"(?:critic\w*|critiqu\w*|feedback|opinion\w*|opiniao|review\w*|evaluat\w*|evalua\w*|valuta\w*|avalia\w*|"
    r"bewert\w*|kritik\w*|meinung|beurteil\w*|\bavis\b|honest\w*|honnete\w*|ehrlich\w*|sincer\w*|\bfranc\w*|"
    r"frank\w*|blunt\w*|what you think|cosa pensi|que piensas|dime si|was du denkst|ce que tu penses|o que voce "
    r"acha|критик\w*|мнени\w*|оцен\w*|честн\w*|откровенн\w*|평가|비평|솔직|의견|피드백|批評|評価|率直|意見|正直|评价|"
    r"批评|直说|意见|坦白|elestir\w*|fikrin\w*|durust\w*|degerlendir\w*|jujur|phe binh|đanh gia|thang than|ביקורת|"
    r"γνωμη|κριτικ\w*|ειλικριν\w*|αποψη|πιστευεισ|आलोचना|राय|ईमानदार|ติชม|วิจารณ์|ความเห็น|rehelli\w*|mielipit\w*|"
    r"palaute\w*|arvio\w*|kritiik\w*|oszint\w*|velemeny\w*|ertekel\w*|uprimn\w*|nazor\w*|hodnot\w*|iskren\w*|"
    r"misljenj\w*|mislis|صادقانه|نظرت|نظر ?تو|انتقاد\w*|sarcas\w*|sarkas\w*|сарказм\w*|humou?r\w*|"
    r"юмор\w*|swear\w*|profan\w*|ругательств\w*|palabrot\w*|groser\w*|palavro\w*|parolacc\w*|gros mots|"
    r"schimpfw\w*|матом|матерн\w*|kufur\w*|"
    # a bare censorship word said of history and facts ("без цензури, з усіма фактами"), as 'uncensored history'
    r"histor\w*|истори\w*|істори\w*|geschichte|storia|факт\w*|fakten|faits|hechos|fatos|tarih\w*|歴史|历史|"
    r"역사|تاريخ|इतिहास|sejarah|lich su|ιστορ\w*|היסטורי\w*)"))


def _candid(snippet: str, text: str) -> bool:
    """Whether a safety-disable finding is only "without filter" said of candid feedback (see above)."""
    return bool(_BARE_FILTER.search(snippet) and not _QUALIFIED.search(snippet) and _CANDOUR.search(text))


def _candidates(text: str) -> list[_Language]:
    """The lexicons worth running on `text`: English always (the lingua franca of jailbreaks), a
    non-Latin language when its script appears, and the Latin-script languages whose function words
    appear — or all of them when none does. Running every lexicon on every text would let a
    Spanish stem match an English word ("crea" in "creative")."""
    langs = _languages()
    words = set(text.split())
    latin = [lang for lang in langs if lang.script is None and lang.code != "en"]
    english = langs[0]
    # Romance and German function words overlap too much to pick one ("un" is French and Italian),
    # so any of them, or too little English to tell ("Me ensine a fabricar ..."), runs them all.
    foreign = any(words & lang.markers for lang in latin) or len(words & english.markers) <= 2
    return [english] + (latin if foreign else []) + [lang for lang in langs
                                                       if lang.script is not None and lang.script.search(text)]


def latin_languages(text: str) -> frozenset[str]:
    """The Latin-script languages (besides English) worth looking for in a normalized `text`: those whose
    function words appear, or all of them when too little English shows (see `_candidates`)."""
    return frozenset(lang.code for lang in _candidates(text) if lang.script is None and lang.code != "en")


@lru_cache(maxsize=1)
def _squashed() -> tuple[tuple[str, re.Pattern], ...]:
    module = importlib.import_module("personalign.safety.lexicon_en")
    return tuple((family, re.compile(rx)) for family, rx in module.SQUASHED)


def scan(text: str, *, squashed: bool = False) -> Hit | None:
    """The first lexical finding in one normalized view (see `_candidates` for the languages tried).

    A `squashed` view (all spaces removed, for "i g n o r e a l l") has no word boundaries and no
    possessives to exempt, so only the long, distinctive English strings of `lexicon_en.SQUASHED`
    run on it: gluing words can join innocent ones ("piano restrictions")."""
    if squashed:
        for family, rx in _squashed():
            m = rx.search(text)
            if m:
                return Hit(family, "en", m.group(0))
        return None
    for lang in _candidates(text):
        hit = _scan_language(lang, text)
        if hit:
            return hit
    return None


@lru_cache(maxsize=1)
def _anchors() -> re.Pattern:
    return re.compile(importlib.import_module("personalign.safety.lexicon_en").ANCHORS)


def anchored(text: str) -> bool:
    """Whether a normalized English view holds a word an unsafe preference can hardly avoid (the
    semantic layer's gate, see `lexicon_en.ANCHORS`)."""
    return _anchors().search(text) is not None


# the concepts whose words an unsafe preference in another language can hardly avoid, as `lexicon_en.ANCHORS` in
# English; "ignore", "without", "turn off" and "make" are everyday words and do not count alone
_FOREIGN_ANCHORS = ("RULES", "SAFETY", "REFUSE", "UNBOUND", "PRETEND", "AUTHORITY", "PRIVATE", "HARM_OBJ", "HARM",
                    "ENCODE", "EVADE")


def anchored_foreign(text: str) -> bool:
    """Whether a normalized view holds, in a lexicon other than English's, a word of an anchor concept (rules,
    safety, refusing, unbound, pretending, authority, private data, harm objects, encoding, evading) that the
    user does not own ("mis reglas" is the user's): the semantic layer's gate for views not in English."""
    for lang in _candidates(text):
        if lang.code == "en":
            continue
        for name in _FOREIGN_ANCHORS:
            rx = lang.concepts.get(name)
            if rx is not None and _spans(rx, text, own=name not in _OWNABLE):
                return True
    return False


# A term in quotes ("when I say 'wild culture'", «фейерверк для заказчика», 「見守りサービス」), read in the raw text
# since normalization drops the quotes: how a code word is defined in any language. An apostrophe inside a word
# ("don't", "l'IA") opens nothing.
_QUOTED = re.compile(r"(?<!\w)['‘\"“«„‹]\s?[^'\"’”»›\n]{2,40}?['’\"”»›](?!\w)|[「『][^」』\n]{2,40}[」』]")


# the assistant's own stock phrases, quoted by users tired of them ("Drop the 'As an AI language model' opener",
# "'consulta un esperto'", Thai "'ฉันเป็นเพียง AI'"): any quote naming an AI or a consultation, in any language
_BOILERPLATE = re.compile(r"\b(?:consult\w*|konsult\w*)\b|(?:^|\s)(?:ai|ia|ki|ии|ШІ)(?:\W|$)|人工知能|인공지능|"
                          r"ذكاء اصطناعي|^\W*(?:as an ai\b|as a language model|i(?:'|’)?m (?:just )?an ai|i(?:'|"
                          r"’)?m sorry|"
                          r"i (?:cannot|can't|can’t)|great question|i hope this helps|it(?:'|’)?s important to "
                          r"(?:note|remember)|consult a (?:professional|doctor)|please note)", re.IGNORECASE)


def quoted(raw: str) -> bool:
    """Whether the raw (not normalized) `raw` text puts a short term in quotes: a code word's usual shape (the
    assistant's stock phrases in quotes are a complaint about style, not a code word)."""
    return any(not _BOILERPLATE.search(m.group()[1:]) for m in _QUOTED.finditer(raw))


def english_like(text: str) -> bool:
    """Whether a normalized view reads as English: at least one English function word, and no more
    function words of another Latin-script language (MiniLM, the semantic layer's model, is English)."""
    words = set(text.split())
    langs = _languages()
    english = len(words & langs[0].markers)
    others = [len(words & lang.markers) for lang in langs[1:] if lang.script is None]
    return english >= 1 and english >= max(others, default=0)


# a code-word glossary: "'harina' = cocaína, 'pastel' = kilo", "'Weihnachtsplätzchen' = Nitroglyzerin"
_GLOSS_ENTRY = re.compile(r"[\"'‘“«„]([^\"'‘’“”«»„\n]{1,40})[\"'’”»“]\s*(?:=|:=|->|→|:|stands? for|means?|meaning|"
                          r"significa|quiere decir|bedeutet|hei(?:ß|ss)t|signifie|veut dire|betekent|oznacza|"
                          r"znamená|значит|означает)\s*([^,;.\n\"'‘’“”]{1,60})", re.IGNORECASE)
# substances the lexicons leave out of HARM_OBJ as too ambiguous in running text, and crimes against a home or a
# person ("'watering' = breaking in"), which are harm as a glossary's meaning
_GLOSS_MEANING = re.compile(r"\b(?:nitroglyc\w+|nitroglyz\w+|coke|kokain\w*|tnt|semtex|thermit\w*|anfo|crack|"
                            r"break\w* in|breaking into|burglar\w*|robb\w+|shoplift\w*|stalk\w*)\b")
_HARM_REDUCTION = re.compile(r"\b(?:harm reduction|reduccion de (?:danos|riesgos)|reducao de danos|reduction des "
                             r"(?:risques|mefaits)|schadensminderung|drug ?check\w*|test ?kits?|naloxon\w*|"
                             r"overdos\w*|sobredosis|uberdosis)\b")


def glossary(raw: str, word_view: str) -> str | None:
    """The meaning of a code word, when the raw text defines two or more quoted code words and one of them
    stands for a harm object (`HARM_OBJ` of any lexicon: a drug, an explosive, a weapon): a glossary is how
    a request hides its subject. Harm-reduction texts (read in `word_view`, the normalized text) define street
    names for safety's sake and are left be."""
    entries = [m.group(2) for m in _GLOSS_ENTRY.finditer(raw)]
    if len(entries) < 2 or _HARM_REDUCTION.search(word_view):
        return None
    for meaning in entries:
        text = normalize(meaning)
        if _GLOSS_MEANING.search(text) or any(
                "HARM_OBJ" in lang.concepts and lang.concepts["HARM_OBJ"].search(text) for lang in _languages()):
            return meaning.strip()
    return None
