"""Remove spam woven into sentences: fragments of a keyword injected after punctuation.

Spam mirrors cut a keyword phrase (often the headline) into short pieces and insert them,
one after another and again from the start, right after the punctuation of the article's
own sentences: "…在深圳召开，作会圳召签署…", "…广东省、粤桂验检山东省、琼省区市福建省…". No
line is junk, so line rules cannot see it; what gives it away is the order: the same
pieces open clauses again and again, always in the same cycle, one clause after the next.
Real text repeats clause openers too (，检验检测机构…, ，推动…, a name that opens every
other sentence), and repeats whole sentences (a quote given in the lead and again in the
body), but then either the "piece" runs on past a few characters (the clause itself is
repeated) or the openers are spread among other clauses. So a piece is at most
``_MAX_PIECE`` characters where its copies part, and a cycle counts only where at least
``_MIN_CYCLE`` of its pieces open consecutive clauses, in two places at least (one such
stretch alone is a parallel passage: three products described clause by clause). Losing a real word is worse than
leaving spam in: every condition here errs towards keeping text.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from itertools import pairwise

#: Marks after which a clause opens (where pieces are injected).
_CLAUSE_END = re.compile(r"[，、。；：！？]")
_HAN = re.compile(r"[\u4e00-\u9fff]")
#: Longest piece looked at.
_MAX_PIECE = 8
#: How many pieces must follow each other in a fixed order before they count as woven spam.
_MIN_CYCLE = 3


def _openers(lines: list[str]) -> list[tuple[int, int, str]]:
    """(line, position, text) of every clause opening after a punctuation mark."""
    out = []
    for n, line in enumerate(lines):
        for m in _CLAUSE_END.finditer(line):
            head = line[m.end() : m.end() + _MAX_PIECE + 4]
            if len(head) >= 2 and _HAN.match(head[0]) and _HAN.match(head[1]):
                out.append((n, m.end(), head))
    return out


def _shared(a: str, b: str) -> int:
    """Length of the common Chinese prefix of two openers (up to their whole length, so a
    repeated clause shows as longer than any piece)."""
    size = 0
    while size < min(len(a), len(b)) and a[size] == b[size] and _HAN.match(a[size]):
        size += 1
    return size


def _woven_openers(lines: list[str], headline: str = "") -> list[tuple[int, int, str]]:
    """(line, position, piece) of every clause opening that is a woven piece."""
    openers = _openers(lines)
    spelled = set(_headline_spelled(openers, "\n".join(lines), headline))
    for line in lines:
        if _KEYWORD_MIN <= len(_HAN.findall(line)) and len(line) <= _KEYWORD_MAX:
            spelled.update(_line_spelled(openers, line))
    return sorted(set(_cycled(lines, openers)) | spelled)


#: A line of the page short enough to be the keyword a mirror cut up (a caption or a heading in
#: the text: "2021年某某检验检测机构开放日活动启动现场"), in characters, and the Chinese it must hold.
_KEYWORD_MAX = 40
_KEYWORD_MIN = 8
#: Consecutive clause openings that must spell a line's next pairs for it to be its keyword.
_SPELL_RUN = 5


def _line_spelled(openers: list[tuple[int, int, str]], line: str) -> list[tuple[int, int, str]]:
    """Clause openings that spell a short line of the page pair by pair: "，年广2020年…，西检连续…，
    验检2020年…，测机涌现…、构开技术…、放日行业…" for "2021年广西检验检测机构开放日活动…".

    A mirror that takes its keyword from a caption or a heading, not the headline, weaves it
    once or so, so no cycle repeats and no second spelling shows. What shows is the order:
    ``_SPELL_RUN`` or more clause openings one after the next (none between), each opening
    with the two characters that follow the last one's in the line (past its end, from its
    start again), glued to the clause it opens. Real clauses never open so: ten characters of
    another line, in order, two at a time, at five clause openings in a row (a list repeating
    another line's words, "冻结、扣押、没收、", ends each pair with its mark)."""
    han = "".join(_HAN.findall(line))
    starts: dict[str, list[int]] = defaultdict(list)
    for i in range(0, len(han) - 1):
        starts[han[i : i + 2]].append(i)
    out: list[tuple[int, int, str]] = []
    run: list[int] = []
    at = -1
    for k, (n, _, head) in enumerate(openers):
        # a piece is glued to the clause it opens; a pair the clause ends with is a word of a list
        pair = head[:2] if len(head) > 2 and not _CLAUSE_END.match(head[2]) else ""
        nxt = (at + 2) % len(han) if at >= 0 else -1
        if run and openers[run[-1]][0] == n and k == run[-1] + 1 and han[nxt : nxt + 2] == pair:
            run.append(k)
            at = nxt
            continue
        if len(run) >= _SPELL_RUN:
            out += [(openers[j][0], openers[j][1], openers[j][2][:2]) for j in run]
        run, at = ([k], starts[pair][0]) if pair and pair in starts else ([], -1)
    if len(run) >= _SPELL_RUN:
        out += [(openers[j][0], openers[j][1], openers[j][2][:2]) for j in run]
    return out


#: Clause openings between two pieces of one spelling of the headline, at most.
_SPELL_GAP = 3


def _headline_spelled(openers: list[tuple[int, int, str]], text: str, headline: str) -> list[tuple[int, int, str]]:
    """Clause openings that spell the headline, in order, twice: "，广东发挥…，筹建近日…，粤港市场…
    ，计量该中心…" then "，广东作为…，获批与…，筹建澳门…，粤港年均…" for 广东获批筹建粤港澳大湾区….

    A mirror cuts the headline into two-character pieces and glues them, one after another, to
    the openings of the text's clauses, sometimes with a real clause between two of them (so no
    cycle shows as consecutive openings). A piece here opens a clause, is a pair of characters
    of the headline, and is glued: the pair it makes with the next character is found nowhere
    else on the page. A spelling is three or more such pieces, each at most ``_SPELL_GAP``
    clause openings after the one before, each further on in the headline than the one before;
    it counts only when the page holds two spellings (one is a coincidence: a real text names
    the headline's words in its order). Between two pieces of a spelling, an opening that
    carries the headline's next pair is a piece too, glued or not (a pair at a line's end,
    "。湾区", or before a figure, "。区域40多年来")."""
    head = "".join(_HAN.findall(headline))
    if len(head) < 6:
        return []
    where = {head[i : i + 2]: i for i in range(len(head) - 2, -1, -1)}  # a pair's first place
    found = []
    for k, (_, _, opening) in enumerate(openers):
        pair = opening[:2]
        if pair in where:
            join = opening[1:3]
            glued = len(join) == 2 and bool(_HAN.match(join[1])) and text.count(join) == 1
            found.append((k, where[pair], glued))
    spellings: list[list[tuple[int, int, bool]]] = []
    run: list[tuple[int, int, bool]] = []
    for item in (f for f in found if f[2]):
        if run and item[0] - run[-1][0] <= _SPELL_GAP and item[1] >= run[-1][1] + 2:
            run.append(item)
            continue
        if len(run) >= _MIN_CYCLE:
            spellings.append(run)
        run = [item]
    if len(run) >= _MIN_CYCLE:
        spellings.append(run)
    if len(spellings) < 2:
        return []
    cut = {k for sp in spellings for k, _, _ in sp}
    for sp in spellings:
        for (a, pa, _), (b, pb, _) in pairwise(sp):
            cut |= {k for k, pos, _ in found if a < k < b and pa + 2 <= pos <= pb - 2}
    return [(openers[k][0], openers[k][1], openers[k][2][:2]) for k in sorted(cut)]


def _cycled(lines: list[str], openers: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """The pieces of a cycle proven by its own order (see the module docstring)."""
    groups: dict[str, list[int]] = defaultdict(list)
    for k, (_, _, head) in enumerate(openers):
        groups[head[:2]].append(k)
    # each opener's piece: the longest start it shares with another opener
    piece: dict[int, str] = {}
    for ks in groups.values():
        for k in ks:
            size = max((_shared(openers[k][2], openers[j][2]) for j in ks if j != k), default=0)
            # longer than a piece: the clause itself is repeated (a quote given twice), not cut up
            if 2 <= size <= _MAX_PIECE:
                piece[k] = openers[k][2][:size]
    # a piece glued to text it does not belong to: the pair of characters where it meets the
    # rest of the clause occurs nowhere else on the page ("验检|沈阳市", not "水利|部" of 水利部)
    text = "\n".join(lines)
    joins: Counter[str] = Counter()
    for k, p in piece.items():
        joins[openers[k][2][len(p) - 1 : len(p) + 1]] += 1
    glued = [
        k
        for k in sorted(piece)
        if len(join := openers[k][2][len(piece[k]) - 1 : len(piece[k]) + 1]) == 2
        and _HAN.match(join[1])
        and text.count(join) - joins[join] <= 1  # once more: glued to another piece
    ]
    sequence = [piece[k] for k in glued]
    follows: dict[str, Counter[str]] = defaultdict(Counter)
    for a, b in pairwise(sequence):
        if a != b:
            follows[a][b] += 1
    seen = Counter(sequence)
    # a → b when b follows nearly every a (twice at least): a fixed order
    edges = {}
    for a, nexts in follows.items():
        b, n = nexts.most_common(1)[0]
        if n >= 2 and n * 3 >= seen[a] * 2:
            edges[a] = b
    # the cycle must show as a woven stretch: _MIN_CYCLE pieces opening clauses one after the
    # next, each the one the cycle says follows (a name opening every other sentence, spread
    # among other clauses, never does)
    glued_set = set(glued)
    stretches = _stretches(openers, glued_set, piece, edges)
    woven: set[str] = set()
    chains: list[list[str]] = []
    for first in edges:
        chain, a = [first], first
        while a in edges and edges[a] not in chain:
            a = edges[a]
            chain.append(a)
        # woven at least twice: one stretch alone is a parallel passage (three products
        # described clause by clause in the same order)
        if len(chain) >= _MIN_CYCLE and sum(1 for st in stretches if st <= set(chain)) >= 2:
            woven.update(chain)
            chains.append(chain)
    cut_at = {k for k in glued if piece[k] in woven}
    cut_at |= _spelled_on(openers, cut_at, piece, chains, lines[:2])
    cuts = [(openers[k][0], openers[k][1], piece[k]) for k in cut_at]
    # a woven piece left alone at the end of a line ("…备忘录》。闽鲁门检"): nothing to glue to
    alone = {k for k, (_, _, head) in enumerate(openers) if k not in glued_set and head in woven}
    cuts += [openers[k] for k in alone]
    if not woven:
        return sorted(cuts)
    # the rest of the cycle, once it is known: the clauses opening between two cut pieces of
    # one line (pieces of the cycle seen only once as openers) lose the start they share with
    # another place on the page, where it is glued to text it does not belong to. Pieces
    # written inside a clause stay: with no clause mark to go by, a real word ("活动") passes
    # every test a piece passes.
    cuts += _between(openers, cut_at | alone, text, 2 * len(woven))
    return sorted(set(cuts))


def _spelled_on(
    openers: list[tuple[int, int, str]], cut_at: set[int], piece: dict[int, str], chains: list[list[str]], lead: list[str]
) -> set[int]:
    """Openers next to a woven stretch that carry the pieces the keyword goes on with, when the
    cycle's pieces, read in order, spell a run of the text's own lead: "测机构开放日活动" in
    "…省检验检测机构开放日活动启动仪式…" says the keyword was cut as 省检|验检|测机|…|活动|启动.
    The clause opening right before the stretch's first cut piece, on its line, that starts with
    the two characters before that run in the lead (验检), and the one right after its last that
    starts with the two after it (启动), are pieces too, and so on outwards, as long as each is
    glued to something else than the lead's own continuation (a clause that really reads
    "启动仪式…" stays). Every step needs the lead's spelling, the cycle's order and the clause's
    place beside a cut piece, so a real word is never taken for one."""
    text = "".join(lead)
    found: dict[int, str] = {}
    for chain in chains:
        run = "".join(chain)
        at = text.find(run)
        if at < 0:
            continue
        for k in sorted(cut_at):
            if piece.get(k) == chain[0]:
                _walk(openers, found, k, text, at, -1)
            if piece.get(k) == chain[-1]:
                _walk(openers, found, k, text, at + len(run), +1)
    piece.update(found)
    return set(found)


def _walk(openers: list[tuple[int, int, str]], found: dict[int, str], k: int, text: str, edge: int, step: int) -> None:
    """From the cut piece at opener ``k``, mark the openers beside it (``step`` -1: before, +1:
    after) that carry the lead's next two characters outwards from ``edge``."""
    while True:
        j = k + step
        if not 0 <= j < len(openers) or openers[j][0] != openers[k][0] or j in found:
            return
        want = text[edge - 2 : edge] if step < 0 else text[edge : edge + 2]
        goes_on = text[edge : edge + 2] if step < 0 else text[edge + 2 : edge + 4]
        head = openers[j][2]
        if len(want) < 2 or not all(_HAN.match(c) for c in want) or not head.startswith(want) or head[2:4] == goes_on:
            return
        found[j] = want
        k, edge = j, edge + 2 * step


def _between(openers: list[tuple[int, int, str]], cut_at: set[int], text: str, cycle: int) -> list[tuple[int, int, str]]:
    """Clause openers of one line lying between two cut pieces, no more than a cycle apart,
    each cut as far as a piece found again elsewhere on the page whose join with the rest of
    its clause is found nowhere else ("…琼省区市福建省、场监测区广西…、管部海南省…，作会圳召签署…。闽鲁门检")."""
    out = []
    ordered = sorted(cut_at)
    for a, b in pairwise(ordered):
        if openers[a][0] != openers[b][0] or not 1 < b - a <= cycle:
            continue
        for k in range(a + 1, b):
            n, pos, head = openers[k]
            p = _repeated_prefix(head, text)
            if p:
                out.append((n, pos, p))
    # like the cycle itself, a piece counts where it is found so in two places at least (a
    # phrase said once between two pieces, "会议代表参加签约", is text)
    seen = Counter(p for _, _, p in out)
    return [c for c in out if seen[c[2]] >= 2]


def _repeated_prefix(head: str, text: str) -> str:
    """The longest start of ``head`` (2 to ``_MAX_PIECE`` Chinese characters) found again on
    the page and glued, everywhere it stands, to what follows it: a Chinese character, the
    pair they make found nowhere else. A real word ends a clause somewhere ("参加会议，") or
    joins what follows it the usual way; a piece of spam never does."""
    for size in range(min(_MAX_PIECE, len(head) - 1), 1, -1):
        p = head[:size]
        if not all(_HAN.match(c) for c in head[: size + 1]) or text.count(p) < 2:
            continue
        follows = [text[m.end() : m.end() + 1] for m in re.finditer(re.escape(p), text)]
        if all(_HAN.match(c or " ") and text.count(p[-1] + c) == 1 for c in follows):
            return p
    return ""


def _stretches(
    openers: list[tuple[int, int, str]], glued: set[int], piece: dict[int, str], edges: dict[str, str]
) -> list[set[str]]:
    """The pieces of every woven stretch: ``_MIN_CYCLE`` or more glued pieces opening
    consecutive clauses, each the one the cycle says follows the one before."""
    out: list[set[str]] = []
    run: list[int] = []
    for k in range(len(openers)):
        if k in glued and run and run[-1] == k - 1 and edges.get(piece[k - 1]) == piece[k]:
            run.append(k)
            continue
        if len(run) >= _MIN_CYCLE:
            out.append({piece[j] for j in run})
        run = [k] if k in glued else []
    if len(run) >= _MIN_CYCLE:
        out.append({piece[j] for j in run})
    return out


def woven_pieces(lines: list[str], headline: str = "") -> set[str]:
    """The pieces woven into ``lines``: clause openers repeated in a fixed cycle, or spelling
    ``headline`` twice (empty when none)."""
    return {p for _, _, p in _woven_openers(lines, headline)}


def unweave(lines: list[str], seen: list[str] | tuple[str, ...] = ()) -> list[str]:
    """``lines`` with woven pieces removed where they open a clause; lines left empty are dropped.
    ``seen``: the headline first (its pieces, in order, are what a mirror weaves)."""
    cuts: dict[int, list[tuple[int, int]]] = defaultdict(list)
    for n, pos, p in _woven_openers(lines, seen[0] if seen else ""):
        cuts[n].append((pos, pos + len(p)))
    if not cuts:
        return lines
    out = []
    for n, line in enumerate(lines):
        done = len(line)
        for a, b in sorted(cuts.get(n, ()), reverse=True):
            if b <= done:  # never two overlapping cuts
                line = line[:a] + line[b:]
                done = a
        if line.strip():
            out.append(line.strip())
    return out
