// Run in a fresh process by entry.test.ts: records every module the process loads from then on
// (ESM and CommonJS alike, through a synchronous module hook registered before anything else),
// imports the entry point named on the command line, uses it, and prints the list as JSON.

import { registerHooks } from 'node:module';
import { pathToFileURL } from 'node:url';

const loaded: string[] = [];
registerHooks({
  load(url, context, nextLoad) {
    loaded.push(url);
    return nextLoad(url, context);
  },
});

const entry = process.argv[2];
if (entry === undefined) throw new Error('usage: load-entry.ts <module path>');
const module = (await import(pathToFileURL(entry).href)) as Record<string, unknown>;
// Using it, not only importing it: a relay client is built and closed (nothing listens on port 1).
const Client = module.PresenceClient as
  (new (options: { url: string; roomId: string }) => { close(): void }) | undefined;
if (Client !== undefined) new Client({ url: 'ws://127.0.0.1:1/presence/ws', roomId: 'r' }).close();
await new Promise((resolve) => setTimeout(resolve, 50));
process.stdout.write(JSON.stringify(loaded));
