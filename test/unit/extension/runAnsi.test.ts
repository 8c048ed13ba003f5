// ANSI in agent output becomes plain text segments with classes (mapped to the terminal theme in
// runPanel.css) and exact rgb colours for 256-colour and true-colour codes: no markup is ever
// produced, so `<script>` in agent text stays text, and unknown escapes vanish.
import assert from 'node:assert/strict';
import { ansiPlainText, ansiSegments, tokenizeSgr, type AnsiSegment } from '../../../webview/run/ansi';

const ESC = '\x1b';

function seg(text: string, classes: string[] = [], color: string | null = null, background: string | null = null): AnsiSegment {
  return { text, classes, color, background };
}

describe('ansiSegments', () => {
  it('plain text is one unstyled segment, markup included as text', () => {
    assert.deepEqual(ansiSegments('<script>alert("x")</script> & <b>bold</b>'), [seg('<script>alert("x")</script> & <b>bold</b>')]);
    assert.deepEqual(ansiSegments(''), []);
  });

  it('colours and resets map to theme classes', () => {
    assert.deepEqual(ansiSegments(`${ESC}[31mred${ESC}[0m plain ${ESC}[92;44mgreen on blue${ESC}[39m blue only${ESC}[49m end`), [
      seg('red', ['ansi-red-fg']),
      seg(' plain '),
      seg('green on blue', ['ansi-bright-green-fg', 'ansi-blue-bg']),
      seg(' blue only', ['ansi-blue-bg']),
      seg(' end'),
    ]);
  });

  it('<script> inside a coloured run stays text', () => {
    const segments = ansiSegments(`${ESC}[1;35m<script>alert(1)</script>${ESC}[m`);
    assert.deepEqual(segments, [seg('<script>alert(1)</script>', ['ansi-magenta-fg', 'ansi-bold'])]);
    assert.equal(segments.every((s) => s.classes.every((c) => /^ansi-[a-z-]+$/.test(c))), true);
  });

  it('decorations turn on and off one by one', () => {
    assert.deepEqual(ansiSegments(`${ESC}[1;3;4ma${ESC}[22mb${ESC}[23;24mc${ESC}[2;9md${ESC}[0me`), [
      seg('a', ['ansi-bold', 'ansi-italic', 'ansi-underline']),
      seg('b', ['ansi-italic', 'ansi-underline']),
      seg('c'),
      seg('d', ['ansi-dim', 'ansi-strikethrough']),
      seg('e'),
    ]);
  });

  it('256 colours: the first 16 are theme colours, the rest exact rgb; true colour is exact rgb', () => {
    assert.deepEqual(ansiSegments(`${ESC}[38;5;1ma${ESC}[38;5;9mb${ESC}[38;5;196mc${ESC}[48;5;244md${ESC}[0m${ESC}[38;2;10;20;30me${ESC}[38:2:1:2:3mf`), [
      seg('a', ['ansi-red-fg']),
      seg('b', ['ansi-bright-red-fg']),
      seg('c', [], 'rgb(255, 0, 0)'),
      seg('d', [], 'rgb(255, 0, 0)', 'rgb(128, 128, 128)'),
      seg('e', [], 'rgb(10, 20, 30)'),
      seg('f', [], 'rgb(1, 2, 3)'),
    ]);
  });

  it('out-of-range extended colours are ignored, the codes after them still apply', () => {
    assert.deepEqual(ansiSegments(`${ESC}[38;5;300;4mx${ESC}[38;2;1;2;999;32my`), [seg('x', ['ansi-underline']), seg('y', ['ansi-green-fg', 'ansi-underline'])]);
  });

  it('inverse swaps foreground and background, defaults included', () => {
    assert.deepEqual(ansiSegments(`${ESC}[7mi${ESC}[31mr${ESC}[27mn`), [
      seg('i', ['ansi-inverse-fg', 'ansi-inverse-bg']),
      seg('r', ['ansi-inverse-fg', 'ansi-red-bg']),
      seg('n', ['ansi-red-fg']),
    ]);
  });

  it('drops cursor moves, OSC hyperlinks, private modes and stray controls, keeping the text', () => {
    const line = `${ESC}[2K${ESC}[1G${ESC}]8;;https://x.test${ESC}\\link${ESC}]8;;\x07 ${ESC}[?25lbell\x07 back\b tab\tend${ESC}(B`;
    assert.deepEqual(ansiSegments(line), [seg('link bell back tab\tend')]);
    assert.equal(ansiPlainText(`${ESC}[31mred${ESC}[0m and ${ESC}[1mbold`), 'red and bold');
  });

  it('adjacent runs with one style merge; a cut-off escape at the end leaves no control character', () => {
    assert.deepEqual(ansiSegments(`a${ESC}[0mb${ESC}[31m${ESC}[31mc${ESC}[3`), [seg('ab'), seg('c3', ['ansi-red-fg'])]);
  });

  it('the tokenizer gives anser-shaped chunks (content, fg, bg, decorations)', () => {
    assert.deepEqual(tokenizeSgr(`x${ESC}[1;31my`), [
      { content: 'x', fg: null, bg: null, decorations: [] },
      { content: 'y', fg: { kind: 'class', name: 'ansi-red' }, bg: null, decorations: ['bold'] },
    ]);
  });
});
