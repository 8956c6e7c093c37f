// The web pages Hearth serves: each one a TypeScript entry under src/web/<dir>/ bundled by esbuild,
// mounted below its app's prefix (so a page moves with its app) or at the root for core pages.
// A page of a disabled app is not served.

export interface PageSpec {
  /** Directory under src/web/ holding index.html and main.ts. */
  readonly dir: string;
  /** The app the page belongs to; undefined for core pages (the admin dashboard). */
  readonly app?: string;
  /** Path below the app's prefix (or the root), starting and ending with "/". */
  readonly path: string;
}

export const PAGES: readonly PageSpec[] = [
  { dir: 'chat', app: 'chat', path: '/' },
  { dir: 'presence', app: 'presence', path: '/' },
  { dir: 'openlifter', app: 'openlifter', path: '/' },
  { dir: 'openlifter-overlay', app: 'openlifter', path: '/overlay/' },
  { dir: 'admin', path: '/admin/' },
];

/** Where a page is served, given the prefix of its app ("" for core pages). */
export function pageBase(page: PageSpec, appPrefix: string): string {
  return `${appPrefix}${page.path}`;
}
