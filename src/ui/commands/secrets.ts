// "Audit Secrets": runs `openclaw secrets audit --json` (../../openclaw/secrets.ts) with progress and lists the auth
// profiles whose secret is stored in plain text (or whose ref does not resolve), with the way to move them to a
// SecretRef: OpenClaw's own interactive planner, `openclaw secrets configure`, in a runner terminal (it needs a TTY).

import vscode = require('vscode');
import { openclaw } from '../../openclaw/commands';
import { profileFindings, secretsAudit, type ProfileFinding } from '../../openclaw/secrets';
import { plain } from '../../openclaw/untrusted';
import { t } from '../l10n';
import { showInfo } from '../messages';
import { type CommandContext, requireCli } from './context';
import { originOf, withOperation } from './progress';
import { runOpenclawInTerminal } from './terminal';

function findingWords(f: ProfileFinding): string {
  switch (f.code) {
    case 'PLAINTEXT_FOUND':
      return t('stored in plain text');
    case 'REF_UNRESOLVED':
      return t('its SecretRef does not resolve now');
    case 'REF_SHADOWED':
      return t('a stored secret shadows its SecretRef in openclaw.json');
    default:
      return plain(f.code, 60);
  }
}

export async function auditSecretsCommand(ctx: CommandContext, arg?: unknown): Promise<unknown> {
  const cli = requireCli(ctx);
  const profile = ctx.profile();
  const report = await withOperation(originOf(arg), t('Running openclaw secrets audit…'), undefined, (signal) =>
    secretsAudit(cli, { env: ctx.cliEnv(), ...(profile ? { profile } : {}), signal }),
  );
  const findings = profileFindings(report);
  ctx.log.info(`secrets audit: ${report.status}; ${findings.length} profile finding(s)`);
  if (originOf(arg) === 'api') return { report, profiles: findings };
  const guide = t('Move them to SecretRefs: openclaw secrets configure (in a terminal)');
  if (!findings.length) {
    const count = report.findings.length;
    void showInfo(
      count
        ? t(
            'No auth profile stores its secret in plain text; the audit has {0} other finding(s) (config, .env): see the log.',
            count,
          )
        : t('No secret stored in plain text and no unresolved SecretRef.'),
    );
    for (const f of report.findings) ctx.log.info(`secrets audit: ${f.code} ${f.jsonPath ?? ''} ${f.file ?? ''}`);
    return { report, profiles: findings };
  }
  const items: (vscode.QuickPickItem & { configure?: boolean })[] = [
    {
      label: guide,
      detail: t(
        'OpenClaw asks where each secret should come from (env, file or exec), checks it, and removes the plain-text copy.',
      ),
      configure: true,
      alwaysShow: true,
    },
    { label: t('Profiles'), kind: vscode.QuickPickItemKind.Separator },
    ...findings.map((f) => ({
      label: plain(f.profileId),
      description: findingWords(f),
      ...(f.file ? { detail: plain(f.file, 300) } : {}),
    })),
  ];
  const picked = await vscode.window.showQuickPick(items, {
    title: t('Audit Secrets: {0} profile(s) to look at', findings.length),
    placeHolder: guide,
  });
  if (picked?.configure) runOpenclawInTerminal(ctx, t('OpenClaw secrets configure'), openclaw.secretsConfigure());
  return { report, profiles: findings };
}
