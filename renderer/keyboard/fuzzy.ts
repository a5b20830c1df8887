// The palette's match: the typed letters in order anywhere in the name ("fbit" finds "fluent-bit"), ranked so that
// a prefix beats a word start ("exp" → "node-exporter" after "exporter-x"), a word start beats a run inside a word,
// and a run of consecutive letters beats scattered ones. Case is ignored.

/** The match's score (higher is better) and the matched character positions, or null when it does not match. */
export interface FuzzyMatch {
  score: number;
  positions: number[];
}

const WORD_BREAK = /[-_./: ]/;

export function fuzzyMatch(query: string, text: string): FuzzyMatch | null {
  const q = query.trim().toLowerCase();
  if (q === '') return { score: 0, positions: [] };
  const t = text.toLowerCase();
  // A substring is the strongest match short of a prefix: it is what the user most often types.
  const at = t.indexOf(q);
  if (at >= 0) {
    const positions = Array.from({ length: q.length }, (_, i) => at + i);
    const start = at === 0 ? 1000 : WORD_BREAK.test(t[at - 1] ?? '') ? 600 : 300;
    return { score: start + q.length * 10 - t.length, positions };
  }
  const positions: number[] = [];
  let score = 0;
  let from = 0;
  for (const ch of q) {
    const found = t.indexOf(ch, from);
    if (found < 0) return null;
    const previous = positions.at(-1);
    if (previous !== undefined && found === previous + 1) score += 8;
    else if (found === 0 || WORD_BREAK.test(t[found - 1] ?? '')) score += 6;
    else score += 1;
    positions.push(found);
    from = found + 1;
  }
  return { score: score - t.length, positions };
}
