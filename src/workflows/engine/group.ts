/**
 * Grouping records under a key. Appending in place matters: copying the group on every append
 * (`[...(map.get(key) ?? []), item]`) is quadratic when many items share a key, as the rows of
 * one organization or the actions of one scope do.
 */
export function appendTo<K, V>(groups: Map<K, V[]>, key: K, item: V): void {
  const group = groups.get(key);
  if (group) group.push(item);
  else groups.set(key, [item]);
}
