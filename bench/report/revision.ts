// Which Hearth was measured: the commit, and how many files under src/ differed from it (the
// tree is shared with people editing it, so a run may measure uncommitted work).

import { execFileSync } from 'node:child_process';
import { REPO_ROOT } from '../lib/platform.ts';

export interface Revision {
  readonly commit: string;
  readonly uncommittedSrcFiles: number;
}

function git(args: readonly string[]): string {
  return execFileSync('git', args, { cwd: REPO_ROOT, encoding: 'utf8' }).trim();
}

export function describeRevision(): Revision {
  try {
    const commit = git(['rev-parse', '--short', 'HEAD']);
    const changed = git(['status', '--porcelain', '--', 'src']);
    return { commit, uncommittedSrcFiles: changed === '' ? 0 : changed.split('\n').length };
  } catch {
    return { commit: 'unknown', uncommittedSrcFiles: 0 };
  }
}

export function revisionText(revision: Revision): string {
  const dirty = revision.uncommittedSrcFiles;
  return `Hearth at commit ${revision.commit}${dirty > 0 ? ` with ${dirty} uncommitted file(s) under src/` : ''}`;
}
