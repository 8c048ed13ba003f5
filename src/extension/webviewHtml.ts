// The HTML shell every Specpilot webview loads: a strict CSP with a fresh nonce, the shared
// dist/webview.js bundle (which picks its view from <body data-view>), codicons and one style sheet.
// Only resources under dist/ and media/ are reachable: node_modules is not in the .vsix.
import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';

export interface WebviewShell {
  /** Which UI of dist/webview.js to start (`taskDetails`, later the run panel). */
  readonly view: string;
  readonly title: string;
  /** Style sheet under media/, after the codicons. */
  readonly styleSheet: string;
  /** More sheets under media/, after `styleSheet` (the run panel's review.css). */
  readonly extraStyleSheets?: readonly string[];
}

export function webviewOptions(extensionUri: vscode.Uri): vscode.WebviewOptions {
  return {
    enableScripts: true,
    enableCommandUris: false,
    localResourceRoots: [vscode.Uri.joinPath(extensionUri, 'dist'), vscode.Uri.joinPath(extensionUri, 'media')],
  };
}

export function webviewHtml(webview: vscode.Webview, extensionUri: vscode.Uri, shell: WebviewShell): string {
  const nonce = randomBytes(18).toString('base64');
  const uri = (...segments: string[]): string => attr(webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, ...segments)).toString());
  const csp = [
    `default-src 'none'`,
    `script-src 'nonce-${nonce}'`,
    `style-src ${webview.cspSource} 'nonce-${nonce}'`,
    `font-src ${webview.cspSource}`,
    `img-src ${webview.cspSource}`,
  ].join('; ');
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${attr(csp)}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" nonce="${nonce}" href="${uri('dist', 'codicons', 'codicon.css')}">
<link rel="stylesheet" nonce="${nonce}" href="${uri('media', 'webview.css')}">
<link rel="stylesheet" nonce="${nonce}" href="${uri('media', shell.styleSheet)}">
${(shell.extraStyleSheets ?? []).map((sheet) => `<link rel="stylesheet" nonce="${nonce}" href="${uri('media', sheet)}">\n`).join('')}<title>${attr(shell.title)}</title>
</head>
<body data-view="${attr(shell.view)}">
<main id="root" aria-busy="true"><p class="placeholder">Loading…</p></main>
<script nonce="${nonce}" src="${uri('dist', 'webview.js')}"></script>
</body>
</html>`;
}

/** Escapes text for an HTML attribute or element body. */
function attr(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}
