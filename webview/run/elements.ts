// The @vscode-elements/elements components the run panel uses, registered once as custom elements
// and bundled into dist/webview.js (the .vsix ships no node_modules). Imported for its side effect.
import '@vscode-elements/elements/dist/vscode-button/index.js';
