// What `openclaw models status --check` says is wrong, in its own words: the routes listed under
// "Model route issues" (and "Missing auth", in the versions that print it), as `- <route> [<state>] <message>`.
// Seen in OpenClaw 2026.9.6's text output; the exit code stays the verdict (0 ok, 1 unusable, 2 expiring).

import { stripAnsi } from './mask';

export interface CheckIssue {
  /** The model route or provider (`openai/gpt-5`, `openai`). */
  route: string;
  /** OpenClaw's word for it (`indeterminate`, `missing`, `expired`…), when it gives one. */
  state?: string;
  message: string;
}

const SECTION = /^(Model route issues|Missing auth|Auth issues)\b/i;
const ITEM = /^-\s+(\S+)(?:\s+\[([^\]]+)\])?\s*(.*)$/;

/** The issues `models status --check` printed, in order; empty when it printed none in a known section. */
export function parseCheckIssues(stdout: string): CheckIssue[] {
  const lines = stripAnsi(stdout).split(/\r?\n/);
  const issues: CheckIssue[] = [];
  let inSection = false;
  for (const raw of lines) {
    const line = raw.trimEnd();
    if (SECTION.test(line)) {
      inSection = true;
      continue;
    }
    if (!inSection) continue;
    if (!line.trim()) {
      inSection = false;
      continue;
    }
    const m = ITEM.exec(line.trim());
    if (!m) continue;
    const issue: CheckIssue = { route: m[1] ?? '', message: (m[3] ?? '').trim() };
    if (m[2]) issue.state = m[2];
    issues.push(issue);
  }
  return issues;
}
