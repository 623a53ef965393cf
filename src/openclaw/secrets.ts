// "Audit Secrets": `openclaw secrets audit --json` (docs/cli/secrets.md, "Audit"; findings as dist/audit-*.mjs writes
// them: `{ code, severity, file, jsonPath, message, provider?, profileId? }`), validated, and the profiles it finds
// stored in plain text. The audit never runs exec SecretRefs without `--allow-exec`, which the extension never passes.
// Exit codes: 0 clean or findings, 1 findings with `--check`, 2 unresolved refs — all with the JSON report.
// No `vscode` import.

import * as z from 'zod/mini';
import { type CliInfo, parseJsonOutput, runCli } from './cli';
import { openclaw, withProfile } from './commands';
import { lazy } from './schemas';

const opt = <T extends z.core.SomeType>(schema: T) => z.catch(z.optional(schema), undefined);

const findingSchema = lazy(() =>
  z.looseObject({
    code: z.string(),
    severity: opt(z.string()),
    file: opt(z.string()),
    jsonPath: opt(z.string()),
    message: opt(z.string()),
    provider: opt(z.string()),
    profileId: opt(z.string()),
  }),
);

export const secretsAuditSchema = lazy(() =>
  z.looseObject({
    status: z.string(),
    summary: opt(
      z.looseObject({
        plaintextCount: opt(z.number()),
        unresolvedRefCount: opt(z.number()),
        shadowedRefCount: opt(z.number()),
      }),
    ),
    resolution: opt(z.looseObject({ skippedExecRefs: opt(z.number()), refsChecked: opt(z.number()) })),
    findings: z.pipe(
      z.catch(z.array(z.unknown()), []),
      z.transform((list: unknown[]) =>
        list.flatMap((f) => {
          const r = findingSchema().safeParse(f);
          return r.success ? [r.data] : [];
        }),
      ),
    ),
  }),
);
export type SecretsAudit = z.infer<ReturnType<typeof secretsAuditSchema>>;
export type SecretsFinding = SecretsAudit['findings'][number];

/** One auth profile the audit names: its secret in plain text, or a ref that does not resolve / is shadowed. */
export interface ProfileFinding {
  profileId: string;
  provider?: string;
  /** `PLAINTEXT_FOUND`, `REF_UNRESOLVED`, `REF_SHADOWED`, or a code a newer audit adds (so any string). */
  code: string;
  /** Store file or config path the audit read (a path, never a secret). */
  file?: string;
}

/** The audit's findings about auth profiles, one per profile and code, in report order. */
export function profileFindings(report: SecretsAudit): ProfileFinding[] {
  const seen = new Set<string>();
  const out: ProfileFinding[] = [];
  for (const f of report.findings) {
    if (!f.profileId) continue;
    const key = `${f.profileId}\n${f.code}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({
      profileId: f.profileId,
      code: f.code,
      ...(f.provider ? { provider: f.provider } : {}),
      ...(f.file ? { file: f.file } : {}),
    });
  }
  return out;
}

/** Runs the audit and validates its report (exit 0, 1 or 2 all carry one). */
export async function secretsAudit(
  cli: CliInfo,
  opts: { env: NodeJS.ProcessEnv; profile?: string; signal?: AbortSignal; timeoutMs?: number },
): Promise<SecretsAudit> {
  const result = await runCli(cli, withProfile(opts.profile, openclaw.secretsAuditJson()), {
    env: opts.env,
    timeoutMs: opts.timeoutMs ?? 120_000,
    ...(opts.signal ? { signal: opts.signal } : {}),
  });
  if (result.code > 2) throw new Error(`openclaw secrets audit exited ${result.code}`);
  const parsed = secretsAuditSchema().safeParse(parseJsonOutput(result.stdout));
  if (!parsed.success) throw new Error('openclaw secrets audit --json printed no report this extension understands');
  return parsed.data;
}
