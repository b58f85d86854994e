"""Training-sample construction shared by train.py: plain windows and fill-in-the-middle (PSM).

FIM template (the same string the completion engine builds at inference):
    <|fim_prefix|>{prefix}<|fim_suffix|>{suffix}<|fim_middle|>{middle}<|endoftext|>
Prefix, suffix and middle are tokenized separately (as the engine tokenizes the text before and
after the cursor separately), so a token never spans a boundary.
"""
from __future__ import annotations

import random
import re

EOS, FIM_PREFIX, FIM_SUFFIX, FIM_MIDDLE, PAD = 0, 1, 2, 3, 4

_TRIGGER_RE = re.compile(r"[.(\[{,:=<]\s?|\breturn |\bnew |\bawait |=> ")
_IDENT_RE = re.compile(r"[A-Za-z_$][A-Za-z0-9_$]{2,}")


def _line_start(text: str, pos: int) -> int:
    return text.rfind("\n", 0, pos) + 1


def _line_end(text: str, pos: int) -> int:
    e = text.find("\n", pos)
    return len(text) if e < 0 else e


def pick_cursor(text: str, rng: random.Random) -> int:
    """A cursor position biased toward where people ask for completions."""
    n = len(text)
    r = rng.random()
    if r < 0.30:  # right after a trigger: member access, call, argument, assignment, type annotation...
        starts = [m.end() for m in _TRIGGER_RE.finditer(text)]
        if starts:
            return rng.choice(starts)
    elif r < 0.55:  # start of a line, after its indentation
        ls = _line_start(text, rng.randrange(n))
        m = re.match(r"[ ]*", text[ls:])
        return ls + (m.end() if m else 0)
    elif r < 0.70:  # inside an identifier (the user is typing a name)
        ids = list(_IDENT_RE.finditer(text))
        if ids:
            m = rng.choice(ids)
            return rng.randrange(m.start() + 1, m.end())
    return rng.randrange(n + 1)


def pick_middle_end(text: str, cur: int, rng: random.Random) -> int:
    r = rng.random()
    if r < 0.45:  # rest of the current line
        return _line_end(text, cur)
    if r < 0.80:  # rest of the line plus 1-6 more lines
        e = cur
        for _ in range(rng.randint(1, 6)):
            e = _line_end(text, e)
            if e >= len(text):
                break
            e += 1
        return min(_line_end(text, e), len(text)) if e < len(text) else len(text)
    return min(len(text), cur + rng.randint(1, 200))


def fim_segment(tok, text: str, budget: int, rng: random.Random, max_middle: int = 160,
                empty_suffix_p: float = 0.1):
    """Token ids of one PSM sample cut from `text`, at most `budget` tokens, or None."""
    for _ in range(4):
        cur = pick_cursor(text, rng)
        end = pick_middle_end(text, cur, rng)
        # A cursor at the end of a line (or on an empty one) asks for the next line, not for
        # nothing: extend an all-whitespace middle to the next non-blank line (keep a few empty
        # ones so the model can still say "nothing to insert").
        if not text[cur:end].strip() and rng.random() < 0.95:
            while end < len(text) and not text[cur:end].strip():
                end = _line_end(text, end + 1)
        prefix, middle, suffix = text[:cur], text[cur:end], text[end:]
        if rng.random() < empty_suffix_p:
            suffix = ""
        p, m, s = tok.encode_batch([prefix, middle, suffix], add_special_tokens=False)
        p, m, s = p.ids, m.ids, s.ids
        if len(m) > max_middle:
            continue
        room = budget - 4 - len(m)
        if room < 16:
            continue
        s_keep = min(len(s), max(room // 4, room - len(p)))
        p_keep = min(len(p), room - s_keep)
        p = p[len(p) - p_keep:]
        s = s[:s_keep]
        return [FIM_PREFIX] + p + [FIM_SUFFIX] + s + [FIM_MIDDLE] + m + [EOS], (len(p) + len(s) + 3, len(m) + 1)
    return None


def plain_segment(tok, text: str, budget: int, at_end: bool):
    ids = tok.encode(text, add_special_tokens=False).ids[:budget]
    if at_end and len(ids) < budget:
        ids.append(EOS)
    return ids


class SampleStream:
    """Rows of ctx+1 token ids, each filled with whole segments (the last one cut at the end)."""

    def __init__(self, tok, docs, ctx: int, fim_rate: float, seed: int, chars_per_token: float = 4.0):
        self.tok, self.docs, self.ctx, self.fim_rate = tok, docs, ctx, fim_rate
        self.rng = random.Random(seed)
        self.window = int(ctx * chars_per_token)
        lens = [len(d) for d in docs]
        # weight long files by length but give short ones a fair chance
        self.weights = [min(l, 8 * self.window) ** 0.9 for l in lens]

    def _window(self, rng):
        doc = rng.choices(self.docs, weights=self.weights)[0]
        if len(doc) <= self.window or rng.random() < 0.15:
            start = 0
        else:
            start = rng.randrange(len(doc) - self.window // 2)
            if rng.random() < 0.8:
                start = _line_start(doc, start)
        size = self.window if rng.random() < 0.7 else rng.randint(self.window // 6, self.window)
        end = min(len(doc), start + size)
        return doc[start:end], end == len(doc)

    def row(self, mid_mask: bool = False):
        rng, n = self.rng, self.ctx + 1
        ids, mid = [], []
        while len(ids) < n:
            text, at_end = self._window(rng)
            if not text.strip():
                continue
            seg = None
            if rng.random() < self.fim_rate and len(text) > 20:
                out = fim_segment(self.tok, text, n - len(ids) if n - len(ids) > 96 else n, rng)
                if out is not None:
                    seg, (ctx_len, mid_len) = out
                    if len(ids) + len(seg) <= n:
                        mid.extend([0] * ctx_len + [1] * mid_len)
                    else:
                        mid.extend([0] * len(seg))
            if seg is None:
                seg = plain_segment(self.tok, text, n - len(ids), at_end)
                mid.extend([0] * len(seg))
            ids.extend(seg)
        return (ids[:n], mid[:n]) if mid_mask else ids[:n]
