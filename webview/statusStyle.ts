// How a task status looks in the webview: icons and labels come from the table the tree and
// hovers use too (src/protocol/statusLook.ts); reasons and severities are worded here.
import type { DetailsDepReason, DetailsSeverity, DetailsStatus } from '../src/protocol/messages';
import { STATUS_LOOK } from '../src/protocol/statusLook';

export function statusIconName(s: DetailsStatus): string {
  return STATUS_LOOK[s].icon;
}

export function statusLabel(s: DetailsStatus): string {
  return STATUS_LOOK[s].label;
}

/** How the dependency was named, as the Tasks tree words it. */
export function reasonLabel(r: DetailsDepReason): string {
  switch (r) {
    case 'explicit':
      return 'Depends on';
    case 'blocks':
      return 'Blocks';
    case 'prose':
      return 'Named in the text';
    case 'phase':
      return 'Earlier phase';
    case 'child':
      return 'Sub-task';
  }
}

export function severityIconName(s: DetailsSeverity): string {
  switch (s) {
    case 'error':
      return 'error';
    case 'warning':
      return 'warning';
    case 'info':
      return 'info';
  }
}
