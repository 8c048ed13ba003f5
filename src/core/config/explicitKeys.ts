// Which keys a config file sets itself (not left to their defaults): the editor's settings apply
// only where the file is silent, and the UI says which source each value came from.
import { readFileSync } from 'node:fs';
import { isMap, isScalar, parseDocument, type YAMLMap } from 'yaml';
import type { ConfigSource } from './types';

/** Dotted paths (`claude_command`, `commands.test`) the file gives a non-null value to. */
export function explicitKeys(source: ConfigSource): ReadonlySet<string> {
  const keys = new Set<string>();
  if (!source.file) return keys;
  let text: string;
  try {
    text = readFileSync(source.file, 'utf8');
  } catch {
    return keys;
  }
  const doc = parseDocument(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text, { version: '1.1' });
  let root: unknown = doc.contents;
  if (source.legacy && isMap(root)) root = (root as YAMLMap).get('executor', true) ?? root;
  const walk = (node: unknown, prefix: string): void => {
    if (!isMap(node)) return;
    for (const pair of node.items) {
      const key = isScalar(pair.key) ? String(pair.key.value) : null;
      if (key === null) continue;
      const path = prefix ? `${prefix}.${key}` : key;
      if (isMap(pair.value)) walk(pair.value, path);
      else if (!(isScalar(pair.value) && pair.value.value === null) && pair.value !== null && pair.value !== undefined) keys.add(path);
    }
  };
  walk(root, '');
  return keys;
}
