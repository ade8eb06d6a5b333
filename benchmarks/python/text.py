"""text: dictionary- and string-heavy text processing.  A deterministic
corpus is made from syllables picked by a tiny linear congruential
generator; it is then tokenized with str methods, words and word pairs are
counted in dicts, sorted by count, and reports are built with join,
f-strings and %-formatting."""
import sys

SYLLABLES = ["ka", "lo", "mi", "ne", "ru", "sa", "ti", "vo", "pe", "da",
             "an", "el", "is", "or", "un", "qua", "str", "ph", "ing", "th"]
PUNCTUATION = [",", ",", ";", ":", ""]
ENDINGS = [".", ".", ".", "!", "?"]


class Lcg:
    """A 31-bit linear congruential generator: the same numbers on every
    interpreter."""

    def __init__(self, seed):
        self.state = seed

    def next(self, bound):
        self.state = (self.state * 1103515245 + 12345) & 0x7FFFFFFF
        return (self.state >> 8) % bound


def make_vocabulary(rng, size):
    words = []
    seen = {}
    while len(words) < size:
        n = 1 + rng.next(3) + rng.next(2)
        word = "".join(SYLLABLES[rng.next(len(SYLLABLES))] for _ in range(n))
        if word not in seen:
            seen[word] = len(words)
            words.append(word)
    return words


def make_corpus(rng, vocabulary, sentences):
    """Sentences of Zipf-ish words (small indexes are picked more often),
    some capitalised, with punctuation, grouped into paragraphs."""
    lines = []
    paragraph = []
    size = len(vocabulary)
    for s in range(sentences):
        words = []
        for i in range(4 + rng.next(12)):
            index = rng.next(1 + rng.next(size))
            word = vocabulary[index]
            if i == 0:
                word = word.capitalize()
            elif rng.next(20) == 0:
                word = word.upper()
            words.append(word + PUNCTUATION[rng.next(len(PUNCTUATION))] * (rng.next(6) == 0))
        paragraph.append(" ".join(words).rstrip(",;:") + ENDINGS[rng.next(len(ENDINGS))])
        if rng.next(8) == 0:
            lines.append("  ".join(paragraph))
            lines.append("")
            paragraph = []
    if paragraph:
        lines.append("  ".join(paragraph))
    return "\n".join(lines)


def tokenize(text):
    tokens = []
    for line in text.splitlines():
        line = line.strip()
        if not line:
            continue
        for raw in line.split():
            word = raw.strip(".,;:!?").lower()
            if word:
                tokens.append(word)
    return tokens


def count_words(tokens):
    counts = {}
    for word in tokens:
        counts[word] = counts.get(word, 0) + 1
    return counts


def count_pairs(tokens):
    pairs = {}
    previous = None
    for word in tokens:
        if previous is not None:
            key = (previous, word)
            if key in pairs:
                pairs[key] += 1
            else:
                pairs[key] = 1
        previous = word
    return pairs


def letter_frequencies(text):
    freq = {}
    for ch in text:
        if ch.isalpha():
            ch = ch.lower()
            freq[ch] = freq.get(ch, 0) + 1
    return freq


def sentence_stats(text):
    """Sentence lengths in words, by splitting on the ending marks."""
    flat = text.replace("\n", " ").replace("!", ".").replace("?", ".")
    lengths = {}
    for sentence in flat.split("."):
        n = len(sentence.split())
        if n:
            lengths[n] = lengths.get(n, 0) + 1
    return lengths


def by_syllable(counts):
    """Words grouped by their first syllable, as joined strings."""
    groups = {}
    for word in counts:
        for syl in SYLLABLES:
            if word.startswith(syl):
                groups.setdefault(syl, []).append(word)
                break
    return {syl: ",".join(sorted(ws)) for syl, ws in groups.items()}


def wrap(words, width):
    lines = []
    current = []
    length = 0
    for w in words:
        if current and length + 1 + len(w) > width:
            lines.append(" ".join(current))
            current, length = [], 0
        length += len(w) + (1 if current else 0)
        current.append(w)
    if current:
        lines.append(" ".join(current))
    return lines


def report(text, rounds):
    tokens = tokenize(text)
    counts = count_words(tokens)
    pairs = count_pairs(tokens)
    ranked = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
    out = []
    out.append(f"{len(text)} characters, {len(tokens)} tokens, "
               f"{len(counts)} distinct words, {len(pairs)} distinct pairs")
    for rank, (word, n) in enumerate(ranked[:8], 1):
        out.append("%2d. %-14s %6d  %5.2f%%" % (rank, word, n, 100.0 * n / len(tokens)))
    top_pairs = sorted(pairs.items(), key=lambda kv: (-kv[1], kv[0]))[:5]
    out.append("pairs: " + "; ".join(f"{a}+{b}={n}" for (a, b), n in top_pairs))
    freq = letter_frequencies(text)
    letters = "".join(ch for ch, n in sorted(freq.items(), key=lambda kv: (-kv[1], kv[0])))
    out.append(f"letters by frequency: {letters}")
    lengths = sentence_stats(text)
    common = max(lengths.items(), key=lambda kv: (kv[1], -kv[0]))
    out.append("sentences: %d, most common length %d words (%d times)"
               % (sum(lengths.values()), common[0], common[1]))
    groups = by_syllable(counts)
    sizes = sorted(((v.count(",") + 1, k) for k, v in groups.items()), reverse=True)[:4]
    out.append("longest groups: " + ", ".join(f"{k}:{n}" for n, k in sizes))
    rare = [w for w, n in ranked if n == 1]
    wrapped = wrap(rare[:60], 50)
    out.append(f"{len(rare)} words seen once; the first ones:")
    out.extend("  | " + line.ljust(50) + " |" for line in wrapped[:3])
    # rebuild the text with every word replaced by its rank, many times:
    # a string-building loop over the whole token list
    rank_of = {w: i for i, (w, n) in enumerate(ranked)}
    checksum = 0
    for r in range(rounds):
        encoded = " ".join(str(rank_of[w] + r) for w in tokens)
        checksum = (checksum * 7 + len(encoded) + encoded.count("1")) % 1000003
    out.append(f"encoding checksum after {rounds} rounds: {checksum}")
    return out


def main(sentences):
    rng = Lcg(20261124)
    vocabulary = make_vocabulary(rng, 2000)
    text = make_corpus(rng, vocabulary, sentences)
    for line in report(text, 4):
        print(line)


main(int(sys.argv[1]) if len(sys.argv) > 1 else 20000)
