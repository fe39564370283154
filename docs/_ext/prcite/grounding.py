"""The grounding check: every sentence says only what its cited words say, in the right voice.

The build already proves that each quote is in its source. This check reads the sentences
around the quotes. For every sentence of a content page (paragraphs, list items, notes and
admonitions, table cells, ``{index}`` entries) and every event summary, it finds:

1. **Ungrounded tokens.** Years and other numbers, months, proper names and titles (capitalised
   words, acronyms, weapon designations such as ``Mi-35``) must each occur in the paragraphs
   the sentence's citations sit in - the whole paragraph, not only the quoted words. Exempt:
   the name of a cited source's author or of a voice in it; a ``{date}`` (whose resolution the
   catalogue checks); an ``{ed}`` note; the text of a cross-reference; a term of the site's
   vocabulary (``docs/vocabulary.yaml``, each with its reason). A word that only starts a
   sentence is checked only if it is never written in lower case anywhere on the site or in
   the sources. Forms of one word match ("Pakistani" for "Pakistan", "Soviets" for "Soviet"):
   the shorter must be at least four letters and all but the last three letters of the longer.
2. **Uncited facts.** A sentence with such tokens and no citation.
3. **Naming the wrong voice.** A sentence that names an author or speaker with a reporting verb
   ("Rafiq writes", "according to Saad") must cite that voice's words: in the forum thread,
   "Rafiq" must cite Rafiq's article, not the summary post or a comment.
4. **Unattributed opinion.** A sentence whose citations all come from one op-ed, column, forum
   thread or analysis - or all from one quoted speaker - must name that author or speaker, or
   continue the sentence before it that does ("He adds …"). News reports' own narration may
   stand in the site's voice; facts cited to two or more sources may too.

Findings are warnings of subtype ``prcite.grounding`` at the sentence's file and line. The
rules are written down for readers on the About page.
"""

from __future__ import annotations

import difflib
import functools
import pickle
import re
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING

from docutils import nodes
from sphinx import addnodes

from . import cache
from .nodes import resolved_date, src_citation
from .report import warn
from .yamlfile import read_list

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable

    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment

    from .catalogue import Source
    from .domain import CitationDomain

#: kinds of text whose claims are always their author's
OPINION = {"op-ed", "column", "forum thread", "analysis"}
#: classes of generated content that the check skips: it comes from checked data
SKIP_CLASSES = {"chronology", "source-list", "src-references", "coverage-sources", "passage-legend"}
MONTHS = "January February March April May June July August September October November December".split()
REPORTING = (
    "writes|wrote|write|reports|reported|report|argues|argued|argue|says|said|say|adds|added|add|notes|noted|"
    "claims|claimed|calls|called|describes|described|quotes|quoted|dates|puts|gives|gave|recalls|recalled|"
    "suggests|suggested|concludes|concluded|sees|saw|warns|warned|told|tells|explains|explained|predicts|"
    "predicted|counts|lists|blames|attributes|presents|insists|contends|contended|stated|states|asserts|"
    "asserted|remarks|remarked|mentions|mentioned|expects|believes|thinks|accuses|accused|denies|denied"
)
PRONOUNS = re.compile(r"\b(he|she|his|her|they|their|him|the author|the same (?:text|op-ed|column|report))\b", re.I)
_ABBREV = re.compile(r"(?:\b(?:[A-Z]|Lt|Gen|Col|Maj|Brig|Dr|Mr|Mrs|Ms|St|No|Jr|Sr|vs|Mt|U\.S|e\.g|i\.e|cf|al)\.)$")
_SENTENCE_END = re.compile(r"[.!?…][”’\"')\]]*(?:\x00+[”’\"')\]]*\s*|\s+)(?=[\x01]*[A-Z0-9“\"‘(\[])")
_WEAPON = re.compile(r"\b[A-Za-z]{1,4}-?\d+[A-Za-z]?(?:-[A-Za-z0-9]+)*\b")
_NUMBER = re.compile(r"(?<![\w-])\d[\d,]*(?:\.\d+)?")
_CAPITAL = re.compile(r"(?<![\w’'])[A-Z][A-Za-z’'\-]*")
_WORD = re.compile(r"[A-Za-z][A-Za-z’'\-]*")
#: the patterns built per name and word, compiled once (more than ``re``'s own cache holds)
_rx = functools.lru_cache(maxsize=None)(re.compile)


@dataclass
class Cited:
    source: str
    passage: int
    voice: str


@dataclass
class Sentence:
    text: str  # the sentence with cross-references, notes and dates blanked out
    cites: list[Cited] = field(default_factory=list)
    line: int = 0


@dataclass
class Vocabulary:
    """The site's own words: exempt everywhere, or matched by the forms the sources use."""

    exempt: set[str] = field(default_factory=set)  # lower-case words
    forms: dict[str, list[str]] = field(default_factory=dict)  # lower-case word -> its source forms
    entries: int = 0
    problems: list[tuple[int, str]] = field(default_factory=list)


def load_vocabulary(path: Path) -> Vocabulary:
    vocab = Vocabulary()
    if not path.is_file():
        return vocab
    entries, failure = read_list(path, "the vocabulary")
    if entries is None:
        vocab.problems.append(failure)  # type: ignore[arg-type]
        return vocab
    for entry in entries:
        line = entry.get("__line__", 1) if isinstance(entry, dict) else 1
        if not isinstance(entry, dict) or not entry.get("term") or not str(entry.get("reason") or "").strip():
            vocab.problems.append((line, "each vocabulary entry needs a term and a reason (why the site may use it)"))
            continue
        vocab.entries += 1
        words = [w.lower() for w in _WORD.findall(str(entry["term"]))] + [
            m.lower() for m in _WEAPON.findall(str(entry["term"]))
        ]
        if entry.get("forms"):
            for word in words:
                vocab.forms.setdefault(word, []).extend(str(f) for f in entry["forms"])
        else:
            vocab.exempt.update(words)
    return vocab


# -- reading a page -------------------------------------------------------------------------


def _skipped(node: nodes.Node) -> bool:
    while node is not None:
        if isinstance(node, nodes.Element) and SKIP_CLASSES & set(node.get("classes", [])):
            return True
        if type(node).__name__ in ("evidence_figure", "coverage_placeholder", "reference_list"):
            return True
        node = node.parent
    return False


_UNCHECKED = (nodes.reference, addnodes.pending_xref, nodes.literal, nodes.target, addnodes.index)


def _unchecked(node: nodes.Node) -> bool:
    """An editors' note, a cross-reference, code or an index entry: not the sentence's claim."""
    return isinstance(node, _UNCHECKED) or (isinstance(node, nodes.inline) and "ed-note" in node["classes"])


def _flatten(node: nodes.Node, out: list[str], cites: list[Cited]) -> None:
    """The text of a paragraph with a \\x00 per citation and a \\x01 per resolved date."""
    for child in node.children:
        if isinstance(child, src_citation):
            out.append("\x00")
            cites.append(Cited(child["source"], child["passage"], child.get("voice", "")))
        elif isinstance(child, resolved_date):
            out.append("\x01")
        elif _unchecked(child):
            out.append(" ")
        elif isinstance(child, nodes.Text):
            out.append(child.astext())
        elif isinstance(child, nodes.Element) and not isinstance(child, nodes.Structural):
            _flatten(child, out, cites)


def split_sentences(flat: str, cites: list[Cited], line: int) -> list[Sentence]:
    """Sentences of a flattened paragraph; citations go with the sentence they follow."""
    sentences: list[Sentence] = []
    pos, k = 0, 0
    cuts = [m.end() for m in _SENTENCE_END.finditer(flat) if not _ABBREV.search(flat[: m.start() + 1])]
    for cut in [*cuts, len(flat)]:
        chunk = flat[pos:cut]
        n = chunk.count("\x00")
        if chunk.strip("\x00\x01 \n"):
            sentences.append(Sentence(chunk.replace("\x00", " ").strip(), cites[k : k + n], line))
        elif sentences:  # citations alone: the sentence before them
            sentences[-1].cites.extend(cites[k : k + n])
        k += n
        pos = cut
    return sentences


def page_sentences(doctree: nodes.document) -> Iterable[Sentence]:
    """The sentences of a page's paragraphs (list items, table cells and notes included).

    In an editorial note (an admonition) each paragraph is one comparison of the passages it
    cites: its sentences share the paragraph's citations.
    """
    for para in doctree.findall(nodes.paragraph):
        if _skipped(para):
            continue
        out: list[str] = []
        cites: list[Cited] = []
        _flatten(para, out, cites)
        line = para.line or (para.parent.line if para.parent is not None else 0) or 0
        sentences = split_sentences("".join(out), cites, line)
        if _in_note(para):
            for sentence in sentences:
                sentence.cites = cites
        yield from sentences


def _in_note(node: nodes.Node) -> bool:
    while node is not None:
        if isinstance(node, nodes.Admonition):
            return True
        node = node.parent
    return False


# -- checking a sentence --------------------------------------------------------------------


class Checker:
    def __init__(self, domain: CitationDomain, vocab: Vocabulary, common: set[str]) -> None:
        self.sources, self.vocab, self.common = domain.sources, vocab, common
        #: name -> (source id, voices that name may cite, whether it is a speaker's name)
        self.callers: dict[str, list[tuple[str, set[str], bool]]] = {}
        surnames = {source.surname for source in self.sources.values()}
        for source in self.sources.values():
            for name, voices, speaker in _callers(source, surnames):
                self.callers.setdefault(name, []).append((source.id, voices, speaker))
        names = "|".join(re.escape(n) for n in sorted(self.callers, key=len, reverse=True)) or "(?!)"
        self._calling = re.compile(
            rf"\b(?P<a>{names})(?:’s|'s)?\s+(?:also\s+|then\s+)?(?:{REPORTING})\b"
            rf"|\baccording to (?:\w+ )?(?P<b>{names})\b"
        )
        #: words of every source's author, the same for every sentence (once, not per sentence)
        self._authors = {w.lower() for source in self.sources.values() for w in _WORD.findall(source.author)}
        self._words: dict[tuple[str, int], tuple[set[str], set[str], str]] = {}
        self._stems: dict[tuple[str, int], dict[str, set[str]]] = {}

    def passage(self, sid: str, number: int) -> tuple[set[str], set[str], str]:
        """(lower-case words, numbers, text) of one source paragraph; its words by their first
        four letters are kept too, for the forms of a word (``stems``)."""
        key = (sid, number)
        if key not in self._words:
            source = self.sources[sid]
            text = source.index.passages[number - 1].text  # type: ignore[union-attr]
            words = {_bare(w).lower() for w in _WORD.findall(text)}
            words |= {_bare(part).lower() for w in _WORD.findall(text) if "-" in w for part in w.split("-")}
            words |= {w.lower() for w in _WEAPON.findall(text)} | {
                w.lower().replace("-", "") for w in _WEAPON.findall(text)
            }
            numbers = {n.replace(",", "") for n in re.findall(r"\d[\d,]*(?:\.\d+)?", text)}
            numbers |= {n for n in re.findall(r"\d+", text)}
            self._words[key] = (words, numbers, text)
            stems: dict[str, set[str]] = {}
            for word in words:
                stems.setdefault(word[:4], set()).add(word)
            self._stems[key] = stems
        return self._words[key]

    def names(self, sids: Iterable[str]) -> set[str]:
        """Words of every source's author, and of the cited sources' voices."""
        out = set(self._authors)
        for sid in sids:
            source = self.sources[sid]
            for voice in source.voices.values():
                out.update(w.lower() for w in _WORD.findall(voice.name))
        return out

    def tokens(self, text: str) -> list[tuple[str, str]]:
        """(kind, token) of the fact-bearing tokens of a sentence."""
        found: list[tuple[str, str]] = []
        text = text.replace("\x01", " ")
        blank = text
        for m in _WEAPON.finditer(text):
            found.append(("name", m.group()))
            blank = blank[: m.start()] + " " * (m.end() - m.start()) + blank[m.end() :]
        for m in _NUMBER.finditer(blank):
            found.append(("number", m.group().rstrip(",")))
        first = _first_word(blank)
        for m in _CAPITAL.finditer(blank):
            parts = [_bare(p) for p in m.group().split("-")]
            word = next((p for p in parts if p[:1].isupper()), "")
            if len(word) < 2:
                continue
            opens = m.start() == first or blank[max(0, m.start() - 1) : m.start()] in ("“", '"', "‘", "(")
            if opens and word.lower() in self.common:
                continue  # the first word of the sentence, or of a quotation in it
            for extra in parts[1:]:
                if extra[:1].isupper() and len(extra) > 1 and extra != word:
                    found.append(("name", extra))
            if (
                word == "May"
                and not re.search(r"(\d\s*$)|(\bin\s*$)", blank[: m.start()])
                and not re.match(r"\s+\d", blank[m.end() :])
            ):
                continue
            found.append(("month" if word in MONTHS else "name", word))
        return found

    def check(self, sentence: Sentence, before: Sentence | None) -> list[str]:
        findings: list[str] = []
        tokens = self.tokens(sentence.text)
        sids = {c.source for c in sentence.cites if c.source in self.sources}
        names = self.names(sids)
        if not sentence.cites:
            facts = [t for kind, t in tokens if not self._exempt(t, names) and not self._vocab(t)]
            if facts:
                shown = ", ".join(dict.fromkeys(facts))
                findings.append(
                    f"sentence states facts ({shown}) but cites nothing: add the citation, or mark it as "
                    f"an editorial note: {_short(sentence.text)!r}"
                )
            return findings
        cited = [(c.source, c.passage) for c in sentence.cites if c.source in self.sources]
        for kind, token in dict.fromkeys(tokens):
            if self._exempt(token, names) or self._grounded(kind, token, cited):
                continue
            findings.append(self._missing(kind, token, cited))
        findings.extend(self._voices(sentence, before))
        return findings

    def check_date(self, date: str, cited: list[tuple[str, int]]) -> list[str]:
        """An event's own date: its year and month must be in a cited passage (or use date_from)."""
        year = date[:4]
        month = MONTHS[int(date[5:7]) - 1] if len(date) >= 7 and date[4] == "-" else ""
        wanted = [("number", year)] + ([("month", month)] if month else [])
        out = []
        for kind, token in wanted:
            if not self._grounded(kind, token, cited):
                out.append(
                    f"its date {date!r} has {token!r}, which is in none of its cited passages: cite the "
                    "passage that dates it, or, if it was worked out from relative words, name them with "
                    "date_from"
                )
        return out

    # the parts of a check

    def _exempt(self, token: str, names: set[str]) -> bool:
        low = token.lower()
        return low in names or low in self.vocab.exempt

    def _vocab(self, token: str) -> bool:
        return token.lower() in self.vocab.forms

    def _grounded(self, kind: str, token: str, cited: list[tuple[str, int]]) -> bool:
        low = token.lower()
        for sid, number in cited:
            words, numbers, text = self.passage(sid, number)
            if kind == "number":
                if token.replace(",", "") in numbers:
                    return True
                continue
            if kind == "month" and _rx(rf"\b{token[:3]}(?:t|\.)?\b").search(text):
                return True  # "Sep 30, 2015", "Sept."
            if low in words or low.replace("-", "") in words:
                return True
            if _forms_match(low, self._stems[(sid, number)].get(low[:4], ())):
                return True
            if low in self.vocab.forms and any(form.lower() in text.lower() for form in self.vocab.forms[low]):
                return True
            if "." in token and token in text:
                return True
        return False

    def _missing(self, kind: str, token: str, cited: list[tuple[str, int]]) -> str:
        what = {"number": "the number", "month": "the month", "name": ""}[kind]
        near = []
        for sid, number in cited:
            _, _, text = self.passage(sid, number)
            source = self.sources[sid]
            hint = ""
            for says, resolution in source.dates.items():
                if resolution.passage == number and kind in ("number", "month"):
                    hint = f"; it has the relative date {says!r}: show it with {{date}}`{sid} {says}`"
            pieces = re.findall(r"\S+(?:\s+\S+)?", text)
            best = difflib.get_close_matches(token, [p.split()[0] for p in pieces], n=1, cutoff=0.6)
            if best:
                i = text.find(best[0])
                near.append(f"{sid} ¶ {number} has {' '.join(text[i:].split()[:3])!r}{hint}")
            elif hint:
                near.append(f"{sid} ¶ {number}{hint}")
        paragraphs = ", ".join(dict.fromkeys(f"{sid} ¶ {n}" for sid, n in cited))
        nearby = f" ({'; '.join(dict.fromkeys(near))})" if near else f" (cited: {paragraphs})"
        return (
            f"{(what + ' ') if what else ''}{token!r} is in none of the cited passages{nearby}; cite the passage "
            "that gives it, use the source's words, or add it to docs/vocabulary.yaml with a reason"
        )

    def _voices(self, sentence: Sentence, before: Sentence | None) -> list[str]:
        findings = []
        text = sentence.text
        cited = [c for c in sentence.cites if c.source in self.sources]
        # rule 3: a named author or speaker must be one of the cited voices
        quoting = bool(re.search(r"[“”\"]", text))
        called = self.called(text)
        for name in called:
            ok = False
            for sid, voices, speaker in self.callers[name]:
                allowed = voices | ({""} if speaker and not quoting else set())
                ok = ok or any(c.source == sid and c.voice in allowed for c in cited)
            if ok:
                continue
            whose = "; ".join(dict.fromkeys(self._who(c) for c in cited)) or "nothing"
            findings.append(
                f"the sentence gives words to {name!r} but cites {whose}: cite {name}'s own words, or "
                f"attribute the claim to whoever the cited words belong to: {_short(text)!r}"
            )
        # rule 3b: naming one voice of a text while citing another voice of it, unnamed
        for sid in {c.source for c in cited}:
            names = [name for name in called if any(csid == sid for csid, _, _ in self.callers[name])]
            if not names:
                continue
            allowed = set().union(*(v for name in names for csid, v, _ in self.callers[name] if csid == sid))
            for cite in cited:
                if cite.source != sid or not cite.voice or cite.voice in allowed:
                    continue
                if self._attributed(text, {(sid, cite.voice)}, None):
                    continue
                findings.append(
                    f"the sentence gives its claim to {' and '.join(names)} but also cites {self._who(cite)} "
                    f"(¶ {cite.passage}) without naming it: attribute those words to their voice: {_short(text)!r}"
                )
        # rule 4: a single opinion voice, or a single speaker, must be named
        voices = {(c.source, c.voice) for c in cited}
        sids = {c.source for c in cited}
        if len(sids) == 1:
            sid = next(iter(sids))
            source = self.sources[sid]
            only = next(iter(voices)) if len(voices) == 1 else None
            needs = source.meta.get("kind") in OPINION or (only is not None and only[1] != "")
            if needs and not self._attributed(text, voices, before):
                whose = " and ".join(dict.fromkeys(self._who(c) for c in cited))
                how = f'"{source.surname} writes …"' if only == (sid, "") else f"name {whose}"
                findings.append(
                    f"the sentence rests on {whose} alone ({source.meta.get('kind')}) but does not say so: "
                    f'attribute it ({how}, or continue a sentence that does: "he adds …") or cite a '
                    f"second source: {_short(text)!r}"
                )
        return findings

    def called(self, text: str) -> list[str]:
        """The names the sentence gives as speakers ("Rafiq writes", "according to Saad").

        One pattern with the longest names first, so "Mushahid Ullah Khan told" calls on the
        minister, not on Khan the columnist.
        """
        return list(dict.fromkeys(m.group("a") or m.group("b") for m in self._calling.finditer(text)))

    def _who(self, cite: Cited) -> str:
        source = self.sources[cite.source]
        return source.voices[cite.voice].who if cite.voice in source.voices else source.author

    def _attributed(self, text: str, voices: set[tuple[str, str]], before: Sentence | None) -> bool:
        low = text.lower()
        for sid, vid in voices:
            source = self.sources[sid]
            words = _attribution_words(source, vid)
            if any(_rx(rf"\b{re.escape(w)}").search(low) for w in words):
                return True
            # "He adds …": a sentence that continues one citing or naming the same voice
            if before is None or not PRONOUNS.search(text):
                continue
            if any(c.source == sid for c in before.cites) or any(
                _rx(rf"\b{re.escape(w)}").search(before.text.lower()) for w in words
            ):
                return True
        return False


def _attribution_words(source: Source, vid: str) -> list[str]:
    """Lower-case words that name a voice: the author's surname, or the voice's name and label."""
    if vid and vid in source.voices:
        voice = source.voices[vid]
        words = [w.lower() for w in _WORD.findall(f"{voice.name} {voice.title} {voice.label} {voice.part}")]
        words = [w for w in words if len(w) >= 4 and w not in {"post", "posted", "reposted", "with", "from"}]
        # the author's own post in a forum thread (Rafiq's article) is named by the author's surname
        return [*words, source.surname.lower()] if voice.name.endswith(source.surname) else words
    return [source.surname.lower(), *(["thread", "forum"] if source.meta.get("kind") == "forum thread" else [])]


def _callers(source: Source, surnames: set[str]) -> list[tuple[str, set[str], bool]]:
    """Names a sentence may give a speaker, each with the voices of this source it may cite.

    The author's surname may cite the author's narration and, outside a forum thread, the
    speakers the author quotes ("Shaukat quotes …"); in a forum thread only the author's own
    post. A speaker is called by surname ("Saad"), or by full name where the surname is also
    an author's ("Mushahid Ullah Khan") or the voice is a forum member's handle ("Mad Indian");
    a speaker's name may cite that speaker's words, and the author's reported speech when the
    sentence quotes nothing.
    """
    mine = {""} | {v.id for v in source.voices.values() if source.surname in v.name}
    if source.meta.get("kind") != "forum thread":
        mine |= set(source.voices)
    out = [(source.surname, mine, False)]
    for voice in source.voices.values():
        if not voice.name[:1].isupper() or source.surname in voice.name:
            continue
        last = voice.name.split()[-1]
        handle = source.meta.get("kind") == "forum thread" or last in surnames or not last[:1].isupper()
        out.append((voice.name if handle else last, {voice.id}, True))
    return out


def _forms_match(token: str, words: Iterable[str]) -> bool:
    """Forms of one word: "Pakistani" for "Pakistan", "Soviets" for "Soviet", "Chinese" for "China"."""
    for word in words:
        short, long_ = sorted((token, word), key=len)
        if len(short) < 4 or len(long_) - len(short) > 3:
            continue
        if long_.startswith(short) or (len(short) >= 5 and long_.startswith(short[:-1])):
            return True
    return False


def _bare(word: str) -> str:
    """A word without its possessive or edge punctuation: "Pakistan’s" -> "Pakistan"."""
    return re.sub(r"[’']s$", "", word.strip("’'-"))


def _first_word(text: str) -> int:
    m = re.search(r"[A-Za-z]", text)
    return m.start() if m else -1


def _short(text: str) -> str:
    text = " ".join(text.replace("\x01", "…").split())
    return text if len(text) <= 90 else text[:87] + "…"


# -- wiring ---------------------------------------------------------------------------------


#: titles are checked even where they start a sentence ("President Putin said …")
TITLES = {
    *"president prime minister general brigadier colonel major captain admiral commander lieutenant".split(),
    *"marshal secretary senator chief ambassador governor chairman chairperson adviser advisor envoy".split(),
    *"consul king queen prince sheikh sir lord judge justice".split(),
}


def common_words(app: Sphinx, domain: CitationDomain) -> set[str]:
    """The capitalised words of the pages and events that are not names where they start a sentence.

    An English word (a lower-case entry of Webster's Second, from PyPI's ``english-words``, or
    its plural), or a word written in lower case somewhere in the sources or pages; never a
    title. Only the words the pages capitalise are looked up, and the answers are kept beside the
    doctrees with each file's words (by its contents), so a build reads again only the files that
    changed, and the lexicon only for new words (a few are searched for in its file: ``_lexicon``).
    """
    paths = sorted(Path(app.srcdir, "docs").rglob("*.md"))
    paths += [Path(app.srcdir) / app.config.prcite_events, *(s.path for s in domain.sources.values())]
    cache_file = Path(app.doctreedir) / "prcite-english-words.pickle"
    try:
        stored = pickle.loads(cache_file.read_bytes())
    except (OSError, pickle.UnpicklingError, EOFError):
        stored = {}
    # each file's words, by its contents: only a changed file is read for words again
    words: dict[str, tuple[set[str], set[str]]] = {}
    for path in paths:
        digest = cache.digest(path)
        if not digest:
            continue
        if digest not in stored.get("words", {}):
            lower_words, capital_words = set(), set()
            for word in _WORD.findall(path.read_text(encoding="utf-8")):
                (lower_words if word[0].islower() else capital_words).add(word.lower())
            stored.setdefault("words", {})[digest] = (lower_words, capital_words)
        words[digest] = stored["words"][digest]
    lower: set[str] = set().union(*(w[0] for w in words.values()))
    capitalised: set[str] = set().union(*(w[1] for w in words.values()))
    known: dict[str, bool] = stored.get("known", {})
    new = sorted(capitalised - lower - known.keys())
    if new:
        in_lexicon = _lexicon(len(new) * 3)
        for word in new:
            known[word] = any(in_lexicon(w) for w in (word, word.removesuffix("s"), word.removesuffix("es")))
    if new or words.keys() != stored.get("words", {}).keys():
        cache_file.parent.mkdir(parents=True, exist_ok=True)
        cache_file.write_bytes(pickle.dumps({"words": words, "known": known}))
    return ({w for w in capitalised if w in lower or known.get(w)} | lower) - TITLES


#: above this many lookups, loading the word list as a set is quicker than searching its file
FEW_LOOKUPS = 60


def _lexicon(lookups: int) -> Callable[[str], bool]:
    """Whether a word is an entry of Webster's Second (``english-words``' ``web2``, letters only).

    The words looked up are lower case, so finding one finds a lower-case entry. For a few words
    (a rebuild after an edit brings one or two) the package's file is searched, not loaded: it is
    a pickled set, each entry stored as its bytes after ``SHORT_BINUNICODE`` and their length and
    before ``MEMOIZE``, and a search of its 3 MB takes half a millisecond where loading its 236,000
    words as a set takes 0.05 s. A test checks that both ways agree.
    """
    from english_words.constants import ALPHA, PROCESSED_DATA_DIR
    from english_words.util import get_data_file_name

    data_file = resources.files("english_words").joinpath(PROCESSED_DATA_DIR, get_data_file_name("web2", [ALPHA]))
    data = data_file.read_bytes()
    if lookups <= FEW_LOOKUPS and data.startswith(b"\x80\x05") and b"\x8c\x03the\x94" in data:

        def search(word: str) -> bool:
            encoded = word.encode()
            return len(encoded) < 256 and b"\x8c%c%b\x94" % (len(encoded), encoded) in data

        return search
    # what get_english_words_set does, less reading the file again and copying the set
    lexicon: set[str] = pickle.loads(data)
    return lexicon.__contains__


def setup_check(app: Sphinx) -> None:
    """``builder-inited``, after the catalogue: the vocabulary and the common words."""
    domain: CitationDomain = app.env.domains["prcite"]
    path = Path(app.srcdir) / app.config.prcite_vocabulary
    vocab = load_vocabulary(path)
    for line, message in vocab.problems:
        warn("grounding", message, f"{path}:{line}")
    # on the application, not the environment: it is made afresh each build, and pickled with the
    # environment it would be half of the file every rebuild loads and saves
    app.prcite_checker = Checker(domain, vocab, common_words(app, domain))  # type: ignore[attr-defined]


def check_page(app: Sphinx, doctree: nodes.document) -> None:
    """``doctree-read``: every sentence of a content page."""
    env = app.env
    if env.docname in env.domains["prcite"].by_docname() or env.docname in app.config.prcite_grounding_exclude:
        return
    checker: Checker = app.prcite_checker  # type: ignore[attr-defined]
    by_para: dict[int, Sentence] = {}
    for sentence in page_sentences(doctree):
        before = by_para.get(sentence.line)
        for finding in checker.check(sentence, before):
            warn("grounding", finding, (env.docname, sentence.line), env)
        by_para[sentence.line] = sentence
    _check_index(checker, doctree, env.docname, env)


def _check_index(checker: Checker, doctree: nodes.document, docname: str, env: BuildEnvironment) -> None:
    """``{index}`` entries: their names must be in the passages the page cites."""
    cited = list(
        dict.fromkeys(
            (c["source"], c["passage"]) for c in doctree.findall(src_citation) if c["source"] in checker.sources
        )
    )
    names = checker.names({sid for sid, _ in cited})
    for index in doctree.findall(addnodes.index):
        for entry in index["entries"]:
            term = re.sub(
                r"\(([^)]*)\)", lambda m: "" if not re.search(r"\d|[A-Z]", m.group(1)) else m.group(1), entry[1]
            )
            for kind, token in checker.tokens(" " + term.replace(";", " ")):
                if kind == "name" and token.lower() in checker.common and token.islower():
                    continue
                if checker._exempt(token, names) or checker._grounded(kind, token, cited):
                    continue
                warn(
                    "grounding",
                    f"index entry {entry[1]!r}: " + checker._missing(kind, token, cited),
                    (docname, index.line),
                    env,
                )


def check_events(app: Sphinx, inputs: str) -> None:
    """``builder-inited``, after the events: each summary and note against its citations.

    ``inputs``: the key of the catalogue and events; with the vocabulary and the common words,
    it says whether the last build's check (passed, so nothing to report) still holds.
    """
    checker: Checker = app.prcite_checker  # type: ignore[attr-defined]
    vocabulary = Path(app.srcdir) / app.config.prcite_vocabulary
    key = cache.key([vocabulary], inputs, sorted(checker.common))
    cache.remembered(app, "event-grounding", key, lambda: _check_events(app, checker))


def _check_events(app: Sphinx, checker: Checker) -> bool:
    domain: CitationDomain = app.env.domains["prcite"]
    path = Path(app.srcdir) / app.config.prcite_events
    for event in domain.events:
        cites = []
        for sid, _quote in event.citations:
            base, _, voice = sid.partition("@")
            source = domain.sources.get(base)
            if source is None:
                continue
            match = source.index.find(_quote)  # type: ignore[union-attr]
            from .voices import voice_of

            found, _mixed, _reported = voice_of(source.spans, match.start, match.end)
            cites.append(Cited(base, match.passage.number, voice or found))
        if not event.date_from:
            for finding in checker.check_date(event.date, [(c.source, c.passage) for c in cites]):
                warn("grounding", f"event {event.id!r}: {finding}", f"{path}:{event.line}")
        for text in (event.summary, event.dates_differ):
            if not text:
                continue
            before = None
            for sentence in split_sentences(text, [], event.line):
                sentence.cites = cites
                for finding in checker.check(sentence, before):
                    warn("grounding", f"event {event.id!r}: {finding}", f"{path}:{event.line}")
                before = sentence
    return True


def exemptions(app: Sphinx) -> dict[str, int]:
    """How much the check lets through unchecked or checked elsewhere: for a reviewer."""
    domain: CitationDomain = app.env.domains["prcite"]
    checker: Checker = app.prcite_checker  # type: ignore[attr-defined]
    pages = [p.read_text(encoding="utf-8") for p in Path(app.srcdir, "docs").rglob("*.md")]
    return {
        "vocabulary entries": checker.vocab.entries,
        "editorial notes ({ed})": sum(len(re.findall(r"\{ed\}`", t)) for t in pages),
        "resolved dates on pages ({date})": sum(len(re.findall(r"\{date\}`", t)) for t in pages),
        "events dated from relative words (date_from)": sum(1 for e in domain.events if e.date_from),
        "date resolutions in the catalogue": sum(len(s.dates) for s in domain.sources.values()),
        "voices in the catalogue": sum(len(s.voices) for s in domain.sources.values()),
    }


def report(app: Sphinx, exception: Exception | None) -> None:
    """``build-finished``: print the exemptions, so a reviewer sees how much is exempted."""
    if exception is not None or not hasattr(app, "prcite_checker"):
        return
    from sphinx.util import logging

    figures = ", ".join(f"{n} {what}" for what, n in exemptions(app).items())
    logging.getLogger("prcite").info(f"grounding check: {figures}")
