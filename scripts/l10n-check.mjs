#!/usr/bin/env node
// Fails when a user-facing string has no Thai translation: every `l10n.t('…')` / `t('…')` literal in
// src/ must be a key of l10n/bundle.l10n.th.json, and every `%key%` in package.json must be in both
// package.nls.json and package.nls.th.json. Placeholders ({0}, {1}) must match between languages.
// Usage: node scripts/l10n-check.mjs [--root <dir>]

import { readFileSync, readdirSync, statSync, existsSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

// `vscode.l10n.t(` / `l10n.t(`, or a bare `t(` (our modules alias `t` to vscode.l10n.t), then a literal.
const CALL =
  /(?:\bl10n\.t|(?<![\w.$])t)\(\s*(?:\{\s*message:\s*)?(?:'((?:\\.|[^'\\])*)'|"((?:\\.|[^"\\])*)"|`((?:\\.|[^`\\$])*)`|(`(?:\\.|[^`\\])*`))/g;

function unescape(body) {
  return body.replace(/\\(u\{[0-9a-fA-F]+\}|u[0-9a-fA-F]{4}|x[0-9a-fA-F]{2}|.)/g, (_, e) => {
    if (e[0] === 'u') return String.fromCodePoint(parseInt(e.replace(/[u{}]/g, ''), 16));
    if (e[0] === 'x') return String.fromCharCode(parseInt(e.slice(1), 16));
    return { n: '\n', t: '\t', r: '\r', 0: '\0' }[e] ?? e;
  });
}

function* tsFiles(dir) {
  for (const name of readdirSync(dir)) {
    const full = join(dir, name);
    if (statSync(full).isDirectory()) yield* tsFiles(full);
    else if (name.endsWith('.ts') && !name.endsWith('.d.ts')) yield full;
  }
}

/** Every literal message in src/, with where it was found; template literals with `${}` are errors. */
export function extractMessages(root) {
  const messages = new Map();
  const errors = [];
  const src = join(root, 'src');
  if (!existsSync(src)) return { messages, errors };
  for (const file of tsFiles(src)) {
    const text = readFileSync(file, 'utf8');
    for (const m of text.matchAll(CALL)) {
      const where = `${relative(root, file)}:${text.slice(0, m.index).split('\n').length}`;
      if (m[4] !== undefined) {
        errors.push(`${where}: a template literal with \${} cannot be translated: ${m[4].slice(0, 60)}`);
        continue;
      }
      const message = unescape(m[1] ?? m[2] ?? m[3] ?? '');
      if (!messages.has(message)) messages.set(message, where);
    }
  }
  return { messages, errors };
}

function manifestKeys(value, keys = new Set()) {
  if (typeof value === 'string') {
    const m = /^%([^%\s]+)%$/.exec(value);
    if (m) keys.add(m[1]);
  } else if (Array.isArray(value)) value.forEach((v) => manifestKeys(v, keys));
  else if (value && typeof value === 'object') Object.values(value).forEach((v) => manifestKeys(v, keys));
  return keys;
}

const placeholders = (s) => [...new Set(String(s).match(/\{\d+\}/g) ?? [])].sort().join(',');
const readJson = (file) => (existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : {});

export function check(root) {
  const problems = [];
  const { messages, errors } = extractMessages(root);
  problems.push(...errors);
  const bundle = readJson(join(root, 'l10n', 'bundle.l10n.th.json'));
  for (const [message, where] of messages) {
    if (!(message in bundle))
      problems.push(`${where}: missing from l10n/bundle.l10n.th.json: ${JSON.stringify(message)}`);
    else if (placeholders(message) !== placeholders(bundle[message]))
      problems.push(`${where}: placeholders differ in Thai for ${JSON.stringify(message)}`);
  }
  const keys = manifestKeys(readJson(join(root, 'package.json')));
  const en = readJson(join(root, 'package.nls.json'));
  const th = readJson(join(root, 'package.nls.th.json'));
  for (const key of keys) {
    if (!(key in en)) problems.push(`package.json: %${key}% missing from package.nls.json`);
    if (!(key in th)) problems.push(`package.json: %${key}% missing from package.nls.th.json`);
  }
  const unused = Object.keys(bundle).filter((k) => !messages.has(k));
  return { problems, messages: messages.size, manifestKeys: keys.size, unused };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const i = process.argv.indexOf('--root');
  const root = i > 0 ? process.argv[i + 1] : join(fileURLToPath(import.meta.url), '..', '..');
  const { problems, messages, manifestKeys: keys, unused } = check(root);
  for (const u of unused) console.log(`note: unused Thai translation: ${JSON.stringify(u)}`);
  for (const p of problems) console.error(p);
  console.log(`l10n: ${messages} messages in src/, ${keys} manifest keys, ${problems.length} problem(s)`);
  process.exit(problems.length ? 1 : 0);
}
