// Every command id the extension registers is contributed by package.json and vice versa, and
// every menu entry names a contributed command: a rename cannot silently orphan a menu.
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { COMMANDS, VIEW_TASKS } from '../../../src/extension/commandIds';

interface Manifest {
  contributes: {
    commands: { command: string }[];
    menus: Record<string, { command: string }[]>;
    views: Record<string, { id: string }[]>;
  };
}

const manifest = JSON.parse(readFileSync('package.json', 'utf8')) as Manifest;

describe('command ids', () => {
  it('match package.json contributes.commands exactly', () => {
    const contributed = manifest.contributes.commands.map((c) => c.command).sort();
    assert.deepEqual(contributed, Object.values(COMMANDS).sort());
  });

  it('every menu entry names a contributed command', () => {
    const known = new Set(manifest.contributes.commands.map((c) => c.command));
    for (const [menu, entries] of Object.entries(manifest.contributes.menus)) {
      for (const e of entries) assert.ok(known.has(e.command), `${menu} names unknown command ${e.command}`);
    }
  });

  it('the Tasks view id is contributed', () => {
    assert.deepEqual(manifest.contributes.views['specpilot']?.map((v) => v.id), [VIEW_TASKS]);
  });
});
