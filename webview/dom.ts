// Builds DOM nodes from data without ever parsing HTML: spec text is written by users and agents,
// so it only reaches the page through textContent and attributes, never innerHTML.

export type Child = Node | string | null | undefined | false;

export interface Props {
  readonly className?: string;
  /** Attributes such as aria-label, role, title, data-key; set with setAttribute. */
  readonly attrs?: Readonly<Record<string, string>>;
  readonly onClick?: (event: MouseEvent) => void;
}

export function el<K extends keyof HTMLElementTagNameMap>(tag: K, props: Props = {}, ...children: Child[]): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (props.className) node.className = props.className;
  for (const [name, value] of Object.entries(props.attrs ?? {})) node.setAttribute(name, value);
  const element: HTMLElement = node;
  if (props.onClick) element.addEventListener('click', props.onClick);
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    node.append(typeof child === 'string' ? document.createTextNode(child) : child);
  }
  return node;
}

/** A codicon glyph; decorative, so hidden from screen readers (the text beside it says it). */
export function icon(name: string, extraClass = ''): HTMLSpanElement {
  return el('span', { className: `codicon codicon-${name}${extraClass ? ` ${extraClass}` : ''}`, attrs: { 'aria-hidden': 'true' } });
}

/** A <button> that looks like a link: every clickable thing is a real button for the keyboard. */
export function linkButton(label: Child[], ariaLabel: string, onClick: () => void, key: string): HTMLButtonElement {
  return el('button', { className: 'link', attrs: { type: 'button', 'aria-label': ariaLabel, title: ariaLabel, 'data-key': key }, onClick }, ...label);
}
