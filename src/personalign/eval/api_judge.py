"""A pairwise judge behind any OpenAI-compatible chat endpoint (a hosted API, vLLM, llama.cpp, `personalign serve`).

For each (strategy answer, opponent answer) pair and each pole the simulated user asked for, the judge model
reads the question, the two answers and that pole's criterion (`POLE_CRITERIA`, one written per pole) and
replies A or B. Every question is asked in both orders: answer 1 wins a pole when it wins in both, loses when
it loses in both, and ties otherwise (a judge that always picks a slot scores 0.5, and the share of "A"
verdicts, the position bias, is reported). A reply that names neither answer clearly (`parse_verdict`)
is unparseable: the pair is a tie, and the report counts such replies.

Every reply is appended to `judge_cache.jsonl` in the run directory as soon as it arrives, keyed by a hash
of (model, criterion, question, the answer shown as A, the answer shown as B, template version, token cap):
a rerun, or an interrupted run resumed, never asks the endpoint the same question twice. Identical answers
are a tie without a request.

HTTP goes through httpx (a runtime dependency of personalign; the official `openai` client is only a dev
dependency, and two endpoints do not need it). 429, 5xx, timeouts and dropped connections are retried with
exponential backoff (honouring Retry-After); an endpoint that cannot be reached, a refused API key
(401/403) and a model the endpoint does not serve stop the run with a one-line `JudgeEndpointError` before
any generation starts (`ApiJudge.check`). The API key comes from $PERSONALIGN_JUDGE_API_KEY (optional).
"""
from __future__ import annotations

import hashlib
import json
import math
import os
import re
import threading
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import httpx

from personalign.dimensions import DIMENSIONS
from personalign.errors import ConfigError
from personalign.eval.judges import JudgeError
from personalign.eval.stats import outcome, win_rate_ci

API_KEY_ENV = "PERSONALIGN_JUDGE_API_KEY"
CACHE_FILE = "judge_cache.jsonl"
ROW_KIND = "api-pairwise"
TEMPLATE_VERSION = 1

# One criterion per pole: what "more <pole>" means, judged on its own (not correctness or overall quality).
POLE_CRITERIA: dict[str, str] = {
    "concise": "Which answer is more concise: shorter and to the point, without padding, repetition or digressions?",
    "detailed": "Which answer is more detailed: it covers more of the topic, with explanations, steps or examples?",
    "simple": "Which answer is simpler to understand: everyday words, short sentences, no jargon, "
              "suitable for a beginner?",
    "expert": "Which answer is more expert: precise technical terms and the depth a specialist expects?",
    "blunt": "Which answer is more blunt: direct and matter-of-fact, with no pleasantries, praise or "
             "emotional cushioning?",
    "warm": "Which answer is warmer: friendly, encouraging and empathetic in tone?",
}
_missing = [p for d in DIMENSIONS.values() for p in d.poles if p not in POLE_CRITERIA]
assert not _missing, f"poles without a judge criterion: {_missing}"

JUDGE_TEMPLATE = (
    "Compare two answers to the same question on one criterion only.\n\n"
    "Question: {prompt}\n\n"
    "Answer A:\n{a}\n\n"
    "Answer B:\n{b}\n\n"
    "Criterion: {criterion}\n"
    "Judge only this criterion, not which answer is more correct or better overall. "
    "Reply with the single letter A or B."
)

RETRY_STATUSES = frozenset({408, 409, 425, 429}) | frozenset(range(500, 600)) - {501}  # 501: not implemented


class JudgeEndpointError(JudgeError):
    """The judge endpoint cannot be used: unreachable, key refused, model not served, or failing after retries."""


# ------------------------------------------------------------------------------------- verdicts
_THINK = re.compile(r"<think>.*?(?:</think>|$)", re.S | re.I)
_JSON = re.compile(r"\{.*?\}", re.S)
_JSON_KEYS = ("winner", "verdict", "answer", "choice", "better", "better_answer", "preferred", "preference",
              "result", "decision", "selection")
_FIRST_LINE = re.compile(
    r"^(?:(?i:(?:the\s+)?(?:final\s+|better\s+|best\s+|preferred\s+)?(?:answer|response|option|choice|verdict|"
    r"winner|output))(?:\s+(?i:is))?\s*[:\-]?\s*)?[(\[]?([AB])[)\]]?(.*)$")
_REST_OK = re.compile(r"(?:$|[.,:;!)\]\-–—/]|\s+(?:(?i:is|was|wins|because|since|as)\b|[^a-z]))")
_MARKERS = (
    re.compile(r"(?i:\b(?:verdict|winner|final answer|better answer|best answer|better response|answer is|"
               r"response is|i choose|i chose|i pick|i prefer|preferred|my choice|choice)\b)"
               r"\s*(?i:is|would be|=)?\s*[:\-]?\s*(?i:answer|response|option)?\s*[(\[]?\b([AB])\b"),
    re.compile(r"(?i:\b(?:answer|response|option)\s+)?\b([AB])\b\s+(?i:is|was)\s+(?i:clearly\s+|slightly\s+|much\s+)?"
               r"(?i:more|better|the better|the more|simpler|shorter|warmer|blunter)\b"),
)
_MENTION = re.compile(r"(?i:\b(?:answer|response|option))\s+([AB])\b")


def parse_verdict(reply: str | None) -> str | None:
    """"A", "B", or None when the reply does not name one answer clearly (counted as a tie, and reported).

    Accepts a bare letter ("B", "**A**", "(A)", "A."), a labelled one ("Answer A", "Verdict: B", "The better
    answer is A"), JSON ({"winner": "A"}), a reasoning block before the verdict (<think>…</think>), and a
    reply whose markers or mentions all name the same answer. Replies that name both ("Answer A is longer
    than Answer B") are None.
    """
    if not reply:
        return None
    text = _THINK.sub("", reply).strip()
    if not text:
        return None
    for blob in _JSON.findall(text):
        try:
            data = json.loads(blob)
        except ValueError:
            continue
        if isinstance(data, dict):
            lowered = {str(k).lower(): v for k, v in data.items()}
            for key in _JSON_KEYS:
                if isinstance(lowered.get(key), str):
                    found = _first_line(lowered[key])
                    if found:
                        return found
    first = next((line for line in text.splitlines() if line.strip()), "")
    found = _first_line(first)
    if found:
        return found
    for pattern in (*_MARKERS, _MENTION):
        letters = {m.group(1) for m in pattern.finditer(text.replace("*", "").replace("`", ""))}
        if len(letters) == 1:
            return letters.pop()
        if letters:  # both named: ambiguous
            return None
    return None


def _first_line(line: str) -> str | None:
    line = re.sub(r"[*`\"'#>]", "", line).strip()
    m = _FIRST_LINE.match(line)
    if not m or not _REST_OK.match(m.group(2)):
        return None
    letter, rest = m.group(1), m.group(2)
    if rest[:1].isspace() and re.search(rf"\b{'B' if letter == 'A' else 'A'}\b", rest):
        return None  # "A is longer than B": a comparison, not a verdict
    return letter


def question_key(model: str, criterion: str, prompt: str, answer_a: str, answer_b: str, max_tokens: int) -> str:
    """The cache key of one question: the same model, criterion, question and answers in the same slots."""
    blob = json.dumps([TEMPLATE_VERSION, model, criterion, prompt, answer_a, answer_b, max_tokens],
                      ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(blob.encode("utf-8")).hexdigest()


@dataclass
class PoleVerdict:
    """One pole's verdict on (answer 1, answer 2), asked in both orders.

    first / second: the judge's letter with answer 1 shown as A / as B ("A", "B", None = unparseable,
    "same" = identical answers, not asked). score: 1 when answer 1 is chosen in both orders, 0 when
    answer 2 is, 0.5 otherwise: orders that disagree, or an unparseable reply in either (a tie), so
    that one biased "A" next to an unparseable reply cannot count as a win.
    """

    first: str | None
    second: str | None
    score: float

    @classmethod
    def from_letters(cls, first: str | None, second: str | None) -> PoleVerdict:
        if first == "same":
            return cls("same", "same", 0.5)
        if (first, second) == ("A", "B"):  # answer 1 chosen as A, and again as B
            return cls(first, second, 1.0)
        if (first, second) == ("B", "A"):
            return cls(first, second, 0.0)
        return cls(first, second, 0.5)

    def to_dict(self) -> dict:
        return {"first": self.first, "second": self.second, "score": self.score}


# ---------------------------------------------------------------------------------------- cache
class VerdictCache:
    """judge_cache.jsonl: one line per answered question, appended (and fsynced) as each reply arrives."""

    def __init__(self, path: str | os.PathLike):
        self.path = Path(path)
        self.replies: dict[str, dict] = {}
        self._lock = threading.Lock()
        if self.path.is_file():
            data = self.path.read_bytes()
            if data and not data.endswith(b"\n"):  # a line cut short by a crash: drop it
                data = data[:data.rfind(b"\n") + 1]
                with open(self.path, "r+b") as handle:
                    handle.truncate(len(data))
            for line in data.splitlines():
                try:
                    row = json.loads(line)
                except ValueError:
                    continue
                if isinstance(row, dict) and isinstance(row.get("key"), str):
                    self.replies[row["key"]] = row
        self.loaded = len(self.replies)

    def get(self, key: str) -> dict | None:
        return self.replies.get(key)

    def put(self, row: dict) -> None:
        line = json.dumps(row, ensure_ascii=False, sort_keys=True) + "\n"
        with self._lock:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            with open(self.path, "a", encoding="utf-8") as handle:
                handle.write(line)
                handle.flush()
                os.fsync(handle.fileno())
            self.replies[row["key"]] = row


# ---------------------------------------------------------------------------------------- judge
def normalize_url(url: str) -> str:
    """The base URL `/chat/completions` and `/models` hang off. A bare host gets `/v1`; a full
    `.../chat/completions` URL is cut back to its base."""
    if not isinstance(url, str) or not url.strip():
        raise ConfigError("--judge-url is empty")
    url = url.strip().rstrip("/")
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise ConfigError(f"--judge-url must be an http(s) URL such as http://localhost:8000/v1, got {url!r}")
    for suffix in ("/chat/completions", "/completions"):
        if url.endswith(suffix):
            url = url[:-len(suffix)]
    if parts.path in ("", "/"):
        url += "/v1"
    return url


def _error_text(response: httpx.Response) -> str:
    try:
        body = response.json()
    except ValueError:
        return response.text.strip().splitlines()[0][:200] if response.text.strip() else response.reason_phrase
    if isinstance(body, dict):
        err = body.get("error", body)
        if isinstance(err, dict):
            return str(err.get("message") or err.get("detail") or err)[:200]
        if isinstance(err, str):
            return err[:200]
        if isinstance(body.get("detail"), str):
            return body["detail"][:200]
    return str(body)[:200]


class ApiJudge:
    """Pairwise per-pole verdicts from a model behind an OpenAI-compatible `/chat/completions` endpoint."""

    def __init__(self, url: str, model: str, cache_path: str | os.PathLike, *, api_key: str | None = None,
                 timeout: float = 60.0, max_retries: int = 5, backoff: float = 1.0, max_backoff: float = 30.0,
                 concurrency: int = 4, max_tokens: int = 16, max_answer_chars: int = 4000,
                 transport: httpx.BaseTransport | None = None):
        if not isinstance(model, str) or not model.strip():
            raise ConfigError("--judge-model is empty")
        for name, value in (("timeout", timeout), ("backoff", backoff), ("max_backoff", max_backoff)):
            if not isinstance(value, int | float) or not math.isfinite(value) or value < 0 or (
                    name == "timeout" and value == 0):
                raise ConfigError(f"judge {name} must be a finite number > 0, got {value!r}")
        for name, value, low in (("max_retries", max_retries, 0), ("concurrency", concurrency, 1),
                                 ("max_tokens", max_tokens, 1), ("max_answer_chars", max_answer_chars, 1)):
            if isinstance(value, bool) or not isinstance(value, int) or value < low:
                raise ConfigError(f"judge {name} must be an integer >= {low}, got {value!r}")
        self.url, self.model = normalize_url(url), model.strip()
        self.api_key = api_key if api_key is not None else (os.environ.get(API_KEY_ENV) or None)
        self.max_retries, self.backoff, self.max_backoff = max_retries, float(backoff), float(max_backoff)
        self.concurrency, self.max_tokens, self.max_answer_chars = concurrency, max_tokens, max_answer_chars
        self.name = f"api:{self.model}"
        self.cache = VerdictCache(cache_path)
        headers = {"Authorization": f"Bearer {self.api_key}"} if self.api_key else {}
        self.client = httpx.Client(headers=headers, transport=transport, follow_redirects=True,
                                   timeout=httpx.Timeout(timeout, connect=min(timeout, 10.0)))
        self.requests = 0   # HTTP requests sent to the endpoint (retries included)
        self.asked = 0      # questions answered by the endpoint in this process (not from the cache)
        self._count_lock = threading.Lock()
        self._failed = threading.Event()  # set by the first fatal error: the other workers stop asking
        self._failed_message = ""

    def close(self) -> None:
        self.client.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    # ---------------------------------------------------------------------------------- HTTP
    def _send(self, method: str, path: str, body: dict | None = None, retry_connect: bool = True) -> httpx.Response:
        """One request with retries on 429/5xx/timeouts/dropped connections; other statuses are returned."""
        url = self.url + path
        problem, retry_after = "", None
        for attempt in range(self.max_retries + 1):
            if attempt:
                self._failed.wait(self._delay(attempt, retry_after))  # sleeps, unless another worker fails
            if self._failed.is_set():
                raise JudgeEndpointError(self._failed_message)
            with self._count_lock:
                self.requests += 1
            retry_after = None
            try:
                response = self.client.request(method, url, json=body)
            except httpx.ConnectError as exc:
                if not retry_connect:
                    raise JudgeEndpointError(f"cannot reach the judge endpoint {url}: {_reason(exc)} "
                                             "(is the server running, and is --judge-url right?)") from None
                problem = f"cannot connect: {_reason(exc)}"
                continue
            except httpx.TimeoutException:
                problem = f"no answer within {self.client.timeout.read:g} s"
                continue
            except httpx.TransportError as exc:  # a dropped connection, a protocol error
                problem = f"{type(exc).__name__}: {_reason(exc)}"
                continue
            if response.status_code in RETRY_STATUSES:
                problem = f"HTTP {response.status_code}: {_error_text(response)}"
                retry_after = response.headers.get("retry-after")
                continue
            return response
        raise JudgeEndpointError(f"judge endpoint {url} still failing after {self.max_retries + 1} tries "
                                 f"({problem}); the replies so far are cached, rerun to resume")

    def _delay(self, attempt: int, retry_after: str | None) -> float:
        """Exponential backoff (backoff, 2·backoff, 4·backoff, ...), at least the server's Retry-After seconds."""
        delay = self.backoff * 2 ** (attempt - 1)
        if retry_after:
            try:
                delay = max(delay, float(retry_after))
            except ValueError:  # an HTTP date: keep the exponential delay
                pass
        return min(delay, self.max_backoff)

    def _raise_for(self, response: httpx.Response, what: str) -> None:
        status = response.status_code
        if status < 400:
            return
        message = _error_text(response)
        if status in (401, 403):
            key = (f"the key in ${API_KEY_ENV} was refused" if self.api_key
                   else f"no API key was sent: set ${API_KEY_ENV}")
            raise JudgeEndpointError(f"judge endpoint {self.url} answered HTTP {status} ({message}): {key}")
        if status == 404 and (what == "chat" or "model" in message.lower()):
            raise JudgeEndpointError(f"judge endpoint {self.url} answered HTTP 404 ({message}): a model it does "
                                     f"not serve ({self.model!r}?) or a wrong --judge-url")
        raise JudgeEndpointError(f"judge endpoint {self.url} refused the {what} request: HTTP {status} ({message})")

    def check(self) -> list[str] | None:
        """Fail early and clearly: the endpoint answers, accepts the key and serves the model.

        Returns the served model ids (None where the endpoint has no `/models` listing)."""
        response = self._send("GET", "/models", retry_connect=False)
        if response.status_code in (404, 405, 501):  # some servers have no listing: the first question tells
            return None
        self._raise_for(response, "model listing")
        try:
            ids = [str(m["id"]) for m in response.json()["data"]]
        except (ValueError, KeyError, TypeError):
            raise JudgeEndpointError(f"judge endpoint {self.url}/models did not answer an OpenAI model list; "
                                     "is --judge-url an OpenAI-compatible base URL (ending in /v1)?") from None
        if self.model not in ids:
            served = ", ".join(ids[:10]) + (" ..." if len(ids) > 10 else "") if ids else "nothing"
            raise JudgeEndpointError(f"judge endpoint {self.url} does not serve model {self.model!r}; "
                                     f"it serves: {served}")
        return ids

    def ask(self, content: str) -> str:
        """The judge model's reply to one user message (greedy, a few tokens)."""
        body = {"model": self.model, "messages": [{"role": "user", "content": content}], "temperature": 0,
                "max_tokens": self.max_tokens}
        response = self._send("POST", "/chat/completions", body)
        self._raise_for(response, "chat")
        try:
            choice = response.json()["choices"][0]
            reply = choice["message"].get("content")
        except (ValueError, KeyError, IndexError, TypeError, AttributeError):
            raise JudgeEndpointError(f"judge endpoint {self.url}/chat/completions answered something that is not "
                                     f"a chat completion: {response.text[:120]!r}") from None
        return reply if isinstance(reply, str) else ""

    # ------------------------------------------------------------------------------ verdicts
    def _clip(self, text: str) -> str:
        text = text.strip() or "(empty)"
        return text if len(text) <= self.max_answer_chars else text[:self.max_answer_chars] + " [...]"

    def _question(self, criterion: str, prompt: str, a: str, b: str) -> tuple[str, str]:
        a, b = self._clip(a), self._clip(b)
        key = question_key(self.model, criterion, prompt, a, b, self.max_tokens)
        return key, JUDGE_TEMPLATE.format(prompt=prompt, a=a, b=b, criterion=criterion)

    def _answer(self, key: str, content: str) -> str | None:
        cached = self.cache.get(key)
        if cached is not None:
            return cached["verdict"]
        reply = self.ask(content)
        verdict = parse_verdict(reply)
        self.cache.put({"key": key, "model": self.model, "url": self.url, "reply": reply, "verdict": verdict})
        with self._count_lock:
            self.asked += 1
        return verdict

    def _run(self, keys: list[str], questions: dict[str, str]) -> None:
        """Ask the uncached questions, `concurrency` at a time; the first fatal error stops the rest."""
        if len(keys) <= 1 or self.concurrency == 1:
            for k in keys:
                self._answer(k, questions[k])
            return
        pool = ThreadPoolExecutor(min(self.concurrency, len(keys)))
        try:
            for future in [pool.submit(self._answer, k, questions[k]) for k in keys]:
                future.result()
        except BaseException as exc:
            self._failed_message = str(exc) or type(exc).__name__
            self._failed.set()
            raise
        finally:
            pool.shutdown(wait=True, cancel_futures=True)
            self._failed.clear()

    def compare(self, items: Sequence[tuple[str, str, str, dict[str, str]]]) -> list[dict[str, PoleVerdict]]:
        """items: (question, answer 1, answer 2, {dimension: pole}) → {"dimension:pole": verdict} per item."""
        questions: dict[str, str] = {}
        plan = []
        for prompt, one, two, poles in items:
            row = {}
            for dim, pole in poles.items():
                if pole not in POLE_CRITERIA:
                    raise ConfigError(f"no judge criterion for pole {pole!r} of {dim!r}")
                if one.strip() == two.strip():
                    row[f"{dim}:{pole}"] = None
                    continue
                criterion = POLE_CRITERIA[pole]
                k1, q1 = self._question(criterion, prompt, one, two)
                k2, q2 = self._question(criterion, prompt, two, one)
                questions.setdefault(k1, q1)
                questions.setdefault(k2, q2)
                row[f"{dim}:{pole}"] = (k1, k2)
            plan.append(row)
        todo = [k for k in questions if self.cache.get(k) is None]
        self._run(todo, questions)
        out = []
        for row in plan:
            verdicts = {}
            for pole, keys in row.items():
                if keys is None:
                    verdicts[pole] = PoleVerdict.from_letters("same", "same")
                else:
                    verdicts[pole] = PoleVerdict.from_letters(self.cache.get(keys[0])["verdict"],
                                                              self.cache.get(keys[1])["verdict"])
            out.append(verdicts)
        return out


def _reason(exc: Exception) -> str:
    text = str(exc).strip() or type(exc).__name__
    return text.splitlines()[0][:160]


# -------------------------------------------------------------------------------------- summary
def summarize_api_judge(rows: Sequence[dict], labels: Sequence[str], n_boot: int, seed: int) -> dict:
    """{judge: {"variant vs opponent": per-pole and overall win rates, position bias, unparseable share}}.

    rows: the run's `api-pairwise` rows (see the runner); labels: the run's variant labels. Win = the
    verdict over both orders is above 0.5 (ties count half). Position bias = share of parsed verdicts that
    picked the slot shown first, minus 0.5 (+0.5: always "A"; the order swap cancels it in the win rates).
    """
    groups: dict[str, dict[str, list[dict]]] = {}
    for row in rows:
        if row.get("variant") in labels:
            groups.setdefault(row["judge"], {}).setdefault(f"{row['variant']} vs {row['opponent']}", []).append(row)
    result: dict = {}
    for judge, comparisons in groups.items():
        result[judge] = {}
        for name, rs in sorted(comparisons.items()):
            rs.sort(key=lambda r: (r["user"], r["prompt_id"]))
            per_pole: dict[str, list[dict]] = {}
            for r in rs:
                for pole, v in r["poles"].items():
                    per_pole.setdefault(pole, []).append(v)
            pooled: list[float] = []
            poles = {}
            for pole, verdicts in sorted(per_pole.items()):
                outcomes = [outcome(v["score"], 0.5) for v in verdicts]
                pooled.extend(outcomes)
                poles[pole] = {"win_rate": win_rate_ci(outcomes, n_boot=n_boot, seed=seed).to_dict(),
                               **_letters([v for v in verdicts])}
            result[judge][name] = {"poles": poles,
                                   "overall": win_rate_ci(pooled, n_boot=n_boot, seed=seed).to_dict(),
                                   **_letters([v for vs in per_pole.values() for v in vs])}
    return result


def _letters(verdicts: list[dict]) -> dict:
    letters = [x for v in verdicts if v["first"] != "same" for x in (v["first"], v["second"])]
    parsed = [x for x in letters if x in ("A", "B")]
    return {"questions": len(letters), "identical_pairs": sum(v["first"] == "same" for v in verdicts),
            "position_bias": round(sum(x == "A" for x in parsed) / len(parsed) - 0.5, 6) if parsed else None,
            "unparseable": len(letters) - len(parsed),
            "unparseable_rate": round((len(letters) - len(parsed)) / len(letters), 6) if letters else None}
