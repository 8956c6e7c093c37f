// Bundles one page's TypeScript (and the CSS it imports) with esbuild, in memory, on first
// request, and keeps the result: pages cost nothing until someone opens one, and a server that
// never serves pages never runs esbuild. A failed build is not cached, so a fixed file is picked
// up by the next request in development.

import { createHash } from 'node:crypto';
import { build } from 'esbuild';

export interface PageAssets {
  readonly js: string;
  /** Empty when the page imports no CSS. */
  readonly css: string;
  /** Content hash of both, for ETag revalidation. */
  readonly etag: string;
}

export class PageBundler {
  private readonly entry: string;
  private readonly minify: boolean;
  private built: Promise<PageAssets> | undefined;

  constructor(entry: string, options: { minify: boolean }) {
    this.entry = entry;
    this.minify = options.minify;
  }

  assets(): Promise<PageAssets> {
    this.built ??= this.bundle().catch((error: unknown) => {
      this.built = undefined;
      throw error;
    });
    return this.built;
  }

  private async bundle(): Promise<PageAssets> {
    const result = await build({
      entryPoints: { app: this.entry },
      bundle: true,
      write: false,
      outdir: 'out',
      format: 'esm',
      platform: 'browser',
      target: 'es2022',
      minify: this.minify,
      legalComments: 'none',
      logLevel: 'silent',
    });
    let js = '';
    let css = '';
    for (const file of result.outputFiles) {
      if (file.path.endsWith('.js')) js = file.text;
      else if (file.path.endsWith('.css')) css = file.text;
    }
    const etag = `"${createHash('sha256').update(js).update(css).digest('base64url').slice(0, 22)}"`;
    return { js, css, etag };
  }
}
