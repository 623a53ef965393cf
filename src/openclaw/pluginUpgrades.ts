// Plugin upgrades OpenClaw left unfinished. When the config needs a plugin that is not installed (an `openai/…` model
// needs `codex` in 2026.9.6), every CLI call tries to install it, fails (offline, or not published for this version),
// records `{ pluginId, reason, command }` in `state/openclaw.sqlite` `migration_runs` (status `pending`, id
// `deferred-plugin-migration:<plugin>`), prints "Plugin "<id>" data/settings upgrade is unfinished … Run "<command>""
// and carries on, seconds slower each time (docs/openclaw-auth-ground-truth.md §3.12; OpenClaw 2026.9.6
// `formatDeferredPluginMigration` in dist/deferred-plugin-migrations-*.mjs). The row is read with the auth stores, so
// the view says it before the person wonders why every change takes so long.

import * as z from 'zod/mini';
import { isValidId } from './ids';
import { redact, stripAnsi } from './mask';
import { lazy } from './schemas';
import { plain } from './untrusted';
import { PENDING_PLUGIN_PREFIX } from './sqlite/authdb';
import type { Warning } from './types';

/** What OpenClaw says to run next, as one of our own steps: its text never becomes a command. */
export type RepairStep = 'update-repair' | 'doctor-fix' | 'other';

const recordSchema = lazy(() =>
  z.looseObject({
    pluginId: z.catch(z.optional(z.string()), undefined),
    reason: z.catch(z.optional(z.string()), undefined),
    command: z.catch(z.optional(z.string()), undefined),
  }),
);

/** OpenClaw's own words, one line, redacted and short (`plain()` cuts them): they go into a tree row and its tooltip. */
function shortReason(reason: string | undefined): string {
  return plain(
    redact(stripAnsi(reason ?? ''))
      .replace(/\s+/g, ' ')
      .trim(),
    240,
  );
}

function repairStep(command: string | undefined): RepairStep {
  const words = command?.trim().replace(/\s+/g, ' ');
  return words === 'openclaw update repair'
    ? 'update-repair'
    : words === 'openclaw doctor --fix'
      ? 'doctor-fix'
      : 'other';
}

/** One `PLUGIN_UPGRADE_UNFINISHED` warning per pending row of `readStateDbCells` (cells keyed by their row id). */
export function pluginUpgradeWarnings(cells: Record<string, string | undefined>, stateDb: string): Warning[] {
  const warnings: Warning[] = [];
  for (const [key, text] of Object.entries(cells)) {
    if (!key.startsWith(PENDING_PLUGIN_PREFIX)) continue;
    let parsed: unknown;
    try {
      parsed = JSON.parse(text ?? '');
    } catch {
      parsed = undefined;
    }
    const record = recordSchema().safeParse(parsed);
    const fromRecord = record.success ? record.data.pluginId : undefined;
    const fromKey = key.slice(PENDING_PLUGIN_PREFIX.length);
    const plugin = isValidId('provider', fromRecord) ? fromRecord : isValidId('provider', fromKey) ? fromKey : '?';
    const detail = shortReason(record.success ? record.data.reason : undefined);
    const step = repairStep(record.success ? record.data.command : undefined);
    warnings.push({
      code: 'PLUGIN_UPGRADE_UNFINISHED',
      params: { plugin, detail, step },
      message: `OpenClaw could not finish installing the plugin ${plugin} that its config needs${detail ? ` (${detail})` : ''}; every OpenClaw command tries again. OpenClaw advises: ${step === 'doctor-fix' ? 'openclaw doctor --fix' : 'openclaw update repair, then openclaw doctor --fix'}.`,
      path: stateDb,
    });
  }
  return warnings;
}
