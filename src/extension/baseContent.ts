// Read-only documents of a file at a git revision (scheme `specpilot-base`), so `Open diff` shows
// VS Code's own diff editor between the base and the task branch even though the base is what is
// checked out after a task parks. URIs carry the repository root, the revision and the path.
import * as vscode from 'vscode';
import { openRepo } from '../core/git';
import type { GitPort } from '../core/git/gitPort';

export const BASE_SCHEME = 'specpilot-base';

export interface RevisionRef {
  /** Absolute path of the repository's root. */
  readonly root: string;
  /** A revision git understands (a branch name); '' for an empty document (the side of an added or deleted file). */
  readonly rev: string;
  /** Repository-relative, `/`-separated. */
  readonly path: string;
}

export function revisionUri(ref: RevisionRef): vscode.Uri {
  // The path stays the URI's path so the editor picks the language and shows the file name.
  return vscode.Uri.from({ scheme: BASE_SCHEME, path: `/${ref.path.replace(/^\/+/, '')}`, query: JSON.stringify({ root: ref.root, rev: ref.rev }) });
}

/** The ref a `specpilot-base` URI names, or an error naming what was expected. */
export function parseRevisionUri(uri: vscode.Uri): { ok: true; value: RevisionRef } | { ok: false; error: string } {
  if (uri.scheme !== BASE_SCHEME) return { ok: false, error: `expected a ${BASE_SCHEME}: URI, got ${uri.scheme}:` };
  let q: unknown;
  try {
    q = JSON.parse(uri.query);
  } catch {
    return { ok: false, error: `expected the query of ${uri.toString()} to be {"root","rev"} JSON` };
  }
  const root = typeof q === 'object' && q !== null && 'root' in q ? q.root : undefined;
  const rev = typeof q === 'object' && q !== null && 'rev' in q ? q.rev : undefined;
  if (typeof root !== 'string' || root === '' || typeof rev !== 'string') return { ok: false, error: `expected root and rev strings in the query of ${uri.toString()}` };
  return { ok: true, value: { root, rev, path: uri.path.replace(/^\/+/, '') } };
}

export class BaseContentProvider implements vscode.TextDocumentContentProvider, vscode.Disposable {
  private readonly repos = new Map<string, Promise<GitPort | null>>();

  constructor(private readonly log: vscode.LogOutputChannel) {}

  async provideTextDocumentContent(uri: vscode.Uri): Promise<string> {
    const ref = parseRevisionUri(uri);
    if (!ref.ok) {
      this.log.warn(`${BASE_SCHEME}: ${ref.error}`);
      return '';
    }
    const { root, rev, path } = ref.value;
    if (rev === '') return '';
    // Reading a revision spawns git: not in Restricted Mode.
    if (!vscode.workspace.isTrusted) return '';
    const git = await this.repo(root);
    if (!git) return '';
    try {
      return (await git.show(rev, path)) ?? '';
    } catch (err) {
      this.log.warn(`${BASE_SCHEME}: git show ${rev}:${path} failed: ${err instanceof Error ? err.message : String(err)}`);
      return '';
    }
  }

  private repo(root: string): Promise<GitPort | null> {
    let p = this.repos.get(root);
    if (!p) {
      p = openRepo(root).then((r) => ('error' in r ? null : r));
      this.repos.set(root, p);
    }
    return p;
  }

  dispose(): void {
    this.repos.clear();
  }
}
