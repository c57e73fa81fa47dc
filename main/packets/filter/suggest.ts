// "Did you mean": the known name closest to a mistyped one (edit distance, then prefix).

function distance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0] ?? 0;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const cur = row[j] ?? 0;
      row[j] = Math.min(
        (row[j] ?? 0) + 1,
        (row[j - 1] ?? 0) + 1,
        prev + (a[i - 1] === b[j - 1] ? 0 : 1),
      );
      prev = cur;
    }
  }
  return row[b.length] ?? 0;
}

export function closestName(wrong: string, known: Iterable<string>): string | undefined {
  let best: string | undefined;
  let bestScore = Infinity;
  const limit = Math.max(2, Math.floor(wrong.length / 3));
  for (const name of known) {
    const d = distance(wrong, name);
    if (d < bestScore || (d === bestScore && best !== undefined && name.length < best.length)) {
      best = name;
      bestScore = d;
    }
  }
  if (best !== undefined && bestScore <= limit) return best;
  for (const name of known) if (name.startsWith(wrong)) return name;
  return undefined;
}
