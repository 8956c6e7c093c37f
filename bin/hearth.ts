#!/usr/bin/env node
// Installed `hearth` command: runs the CLI with the Node that started it (Node 24 strips types).
import '../src/cli/main.ts';
