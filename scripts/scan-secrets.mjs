#!/usr/bin/env node
// `node scripts/scan-secrets.mjs <dir|file>...`: fails (exit 1) when any file holds one of the
// recognisable fake secrets the suites use (they all contain FAKE) in clear. Prints file:line and
// the match masked, never the match itself. Built-ins only.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

// Unmasked secret shapes: a masked one (`sk-ant-o...xxxxxxxx`) has "..." after 8 chars, so it cannot match.
// The other provider shapes redact() knows (Google, GitHub, xAI, Groq) are listed with FAKE after their prefix.
export const SECRET_RE =
  /sk-ant-(?:oat|api)\d\d-FAKE[A-Za-z0-9_-]{8,}|sk-or-v1-FAKE[A-Za-z0-9_-]{8,}|sk-(?:proj-)?FAKE[A-Za-z0-9_-]{8,}|[A-Za-z0-9_-]*FAKE-SECRET[A-Za-z0-9_-]{8,}|AIzaFAKE[0-9A-Za-z_-]{8,}|gh[pousr]_FAKE[A-Za-z0-9]{8,}|github_pat_FAKE[A-Za-z0-9_]{8,}|xai-FAKE[A-Za-z0-9]{8,}|gsk_FAKE[A-Za-z0-9]{8,}/g;

export function mask(s) {
  return s.length <= 16 ? `${s.slice(0, 2)}...${s.slice(-2)}` : `${s.slice(0, 8)}...${s.slice(-8)}`;
}

function* files(target, skipDir) {
  let st;
  try {
    st = fs.lstatSync(target);
  } catch {
    return;
  }
  if (st.isSymbolicLink()) return; // a link may point outside what we were asked to scan
  if (st.isFile()) yield target;
  else if (st.isDirectory() && !(skipDir && skipDir.test(path.basename(target)))) {
    for (const e of fs.readdirSync(target)) yield* files(path.join(target, e), skipDir);
  }
}

/**
 * Scans targets; returns { bytes, files, findings: [{file, line, masked}] }. `skipDir` names folders not
 * to enter (OpenClaw's and Claude's own stores hold the secrets by design).
 */
export function scan(targets, { skipDir } = {}) {
  const out = { bytes: 0, files: 0, findings: [] };
  for (const t of targets) {
    for (const file of files(t, skipDir)) {
      let buf;
      try {
        buf = fs.readFileSync(file);
      } catch {
        continue; // sockets, vanished files
      }
      out.bytes += buf.length;
      out.files += 1;
      // latin1 keeps every byte, so secrets inside binary files (SQLite, LevelDB) are found too.
      const lines = buf.toString('latin1').split('\n');
      lines.forEach((text, i) => {
        for (const m of text.matchAll(SECRET_RE)) out.findings.push({ file, line: i + 1, masked: mask(m[0]) });
      });
    }
  }
  return out;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const targets = process.argv.slice(2);
  if (targets.length === 0) {
    console.error('usage: node scripts/scan-secrets.mjs <dir|file>...');
    process.exit(2);
  }
  const r = scan(targets);
  for (const f of r.findings) console.log(`${f.file}:${f.line}: secret in clear: ${f.masked}`);
  console.log(`scan-secrets: ${r.bytes} bytes in ${r.files} files scanned, ${r.findings.length} secret(s) found`);
  process.exit(r.findings.length ? 1 : 0);
}
