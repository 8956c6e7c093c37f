// DOM helpers for the pages. Text always goes in as text (textContent), never as markup: a
// message or a name that looks like HTML is shown, not run.

type Attributes = Readonly<Record<string, string | undefined>>;

/** An element with attributes and children; strings become text nodes. */
export function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attributes: Attributes = {},
  ...children: readonly (Node | string)[]
): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value !== undefined) element.setAttribute(name, value);
  }
  element.append(...children);
  return element;
}

/** The page's element with this id and type, or a clear error naming what the HTML lacks. */
export function byId<T extends HTMLElement>(id: string, type: new () => T): T {
  const element = document.getElementById(id);
  if (!(element instanceof type)) throw new Error(`page markup lacks #${id} (${type.name})`);
  return element;
}

/** Replace an element's children. */
export function replaceChildren(parent: Element, ...children: readonly (Node | string)[]): void {
  parent.replaceChildren(...children);
}

/** The app's prefix, from where the page is served: "/chat/" → "/chat", "/x/chat/" → "/x/chat". */
export function appPrefix(pagePath: string = location.pathname): string {
  return pagePath.replace(/\/[^/]*$/, '');
}

/** ws(s)://host + path, on the page's own origin. */
export function webSocketUrl(path: string): string {
  const url = new URL(path, location.href);
  url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
  return url.toString();
}
