/**
 * The "did you mean" of every error about a misspelt name (an option, a CLI flag or verb): the
 * first of `names` equal to `word` but for case, else within an edit distance of a third of its
 * length (at least 1), else sharing its first four letters.
 */
export function nearest(word: string, names: readonly string[]): string | undefined {
  const lower = word.toLowerCase();
  return (
    names.find((n) => n.toLowerCase() === lower) ??
    names.find((n) => distance(n, word) <= Math.max(1, Math.floor(n.length / 3))) ??
    (word.length >= 4 ? names.find((n) => n.startsWith(word.slice(0, 4))) : undefined)
  );
}

/** Levenshtein distance. */
function distance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const cur = row[j]!;
      row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = cur;
    }
  }
  return row[b.length]!;
}
