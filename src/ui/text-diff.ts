/**
 * Word- and line-level differences between two texts, for field changes (a note that gained a
 * sentence) and document bodies. A longest-common-subsequence over tokens: exact and small, and
 * bounded (past MAX_CELLS the texts are shown as removed and added whole, never a slow page).
 */

export interface DiffPart {
  kind: 'same' | 'removed' | 'added';
  text: string;
}

const MAX_CELLS = 4_000_000;

/** Words with the whitespace that follows them, so joining the tokens gives the text back. */
export function wordTokens(text: string): string[] {
  return text.match(/\s+|[^\s]+\s*/g) ?? [];
}

/** Lines with their newline. */
export function lineTokens(text: string): string[] {
  return text.match(/[^\n]*\n|[^\n]+$/g) ?? [];
}

export function diffTokens(before: readonly string[], after: readonly string[]): DiffPart[] {
  // Common prefix and suffix first: most edits touch a small part, and this keeps the table small.
  let start = 0;
  while (start < before.length && start < after.length && before[start] === after[start]) start++;
  let endBefore = before.length;
  let endAfter = after.length;
  while (endBefore > start && endAfter > start && before[endBefore - 1] === after[endAfter - 1]) {
    endBefore--;
    endAfter--;
  }
  const parts: DiffPart[] = [];
  const push = (kind: DiffPart['kind'], text: string) => {
    if (text === '') return;
    const last = parts[parts.length - 1];
    if (last && last.kind === kind) last.text += text;
    else parts.push({ kind, text });
  };
  push('same', before.slice(0, start).join(''));
  const a = before.slice(start, endBefore);
  const b = after.slice(start, endAfter);
  if ((a.length + 1) * (b.length + 1) > MAX_CELLS) {
    push('removed', a.join(''));
    push('added', b.join(''));
  } else {
    // lengths[i][j]: the LCS of a[i..] and b[j..], in one flat array.
    const width = b.length + 1;
    const lengths = new Uint32Array((a.length + 1) * width);
    for (let i = a.length - 1; i >= 0; i--) {
      for (let j = b.length - 1; j >= 0; j--) {
        lengths[i * width + j] =
          a[i] === b[j]
            ? (lengths[(i + 1) * width + j + 1] as number) + 1
            : Math.max(lengths[(i + 1) * width + j] as number, lengths[i * width + j + 1] as number);
      }
    }
    let i = 0;
    let j = 0;
    while (i < a.length && j < b.length) {
      if (a[i] === b[j]) {
        push('same', a[i] as string);
        i++;
        j++;
      } else if ((lengths[(i + 1) * width + j] as number) >= (lengths[i * width + j + 1] as number)) {
        push('removed', a[i] as string);
        i++;
      } else {
        push('added', b[j] as string);
        j++;
      }
    }
    push('removed', a.slice(i).join(''));
    push('added', b.slice(j).join(''));
  }
  push('same', before.slice(endBefore).join(''));
  return parts;
}

export function diffWords(before: string, after: string): DiffPart[] {
  return diffTokens(wordTokens(before), wordTokens(after));
}

export function diffLines(before: string, after: string): DiffPart[] {
  return diffTokens(lineTokens(before), lineTokens(after));
}
