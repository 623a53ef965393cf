// Every warning the domain can raise, as a person reads it: one entry per code, in the chosen language,
// built from the warning's values (ids, paths, params), never from the domain's English sentence.
// `scripts/l10n-check.mjs` sees every string here; test/unit/warnings.test.ts renders every code in both languages.

import type { Warning, WarningCode } from '../openclaw/types';
import type { Translate } from './format';

type Render = (w: Warning, t: Translate) => string;

const p = (w: Warning, key: string): string => String(w.params?.[key] ?? '');

/** The message for each code. Values are untrusted: callers put the result through `plain()`/`md()`. */
export const WARNING_TEXT: Record<WarningCode, Render> = {
  CLI_MISSING: (_w, t) =>
    t('OpenClaw CLI not found: changes need it. Install it (npm install -g openclaw) or set openclawAuth.cliPath.'),
  CLI_TOO_OLD: (w, t) =>
    t(
      'OpenClaw CLI {0} is older than {1}; update it (npm install -g openclaw@latest).',
      p(w, 'version') || '?',
      p(w, 'minimum'),
    ),
  CLI_READ_FAILED: (w, t) =>
    t('Could not read the auth profiles of agent {0} through the OpenClaw CLI: {1}', w.agent ?? '', p(w, 'detail')),
  CONFIG_INVALID: (w, t) =>
    t('openclaw.json is not valid ({0}); every OpenClaw command fails until it is fixed.', p(w, 'detail')),
  NO_DEFAULT_AGENT: (_w, t) =>
    t(
      'Several agents are configured and none is the default (OpenClaw falls back to "main"): set agents.defaults.systemAgent.agentId in openclaw.json, or openclawAuth.defaultAgent.',
    ),
  PROFILE_DECLARED_NOT_STORED: (w, t) =>
    t(
      'Profile {0} is declared in openclaw.json but agent {1} has no credential for it: paste a token or API key for it, or remove it.',
      w.profileId ?? '',
      w.agent ?? '',
    ),
  EXPIRY_IN_SECONDS: (w, t) =>
    t(
      'The expiry of {0} looks like seconds stored as milliseconds (1970), so OpenClaw treats it as expired: paste it again with an expiry.',
      w.profileId ?? '',
    ),
  STORE_UNREADABLE: (w, t) => t('{0} cannot be read ({1}); run openclaw doctor --fix.', w.path ?? '', p(w, 'detail')),
  SCHEMA_TOO_NEW: (w, t) =>
    t(
      '{0} has schema version {1}, newer than this extension reads ({2}): update the extension. Not read.',
      w.path ?? '',
      p(w, 'version'),
      p(w, 'max'),
    ),
  SQLITE_UNAVAILABLE: (_w, t) =>
    t(
      'OpenClaw keeps auth in SQLite, but no Node with node:sqlite was found: reading through the OpenClaw CLI instead (slower).',
    ),
  STORES_UNREADABLE_NO_READER: (_w, t) =>
    t(
      'OpenClaw keeps auth in SQLite, but neither a Node with node:sqlite (22.13 or later) nor the OpenClaw CLI was found, so the profiles could not be read: set openclawAuth.nodePath or openclawAuth.cliPath.',
    ),
  INVALID_SHARED_AUTH_STORE_OWNERSHIP: (w, t) =>
    t('The owner of the shared auth store in {0} is not recognised; run openclaw doctor --fix.', w.path ?? ''),
  MIGRATION_REQUIRED: (w, t) =>
    w.blockedProviders?.length
      ? t(
          'OpenClaw refuses {0} for agent {1} until you run openclaw doctor --fix: {2} was never imported into its SQLite store.',
          w.blockedProviders.join(', '),
          w.agent ?? '',
          p(w, 'files') || w.path || 'auth-profiles.json',
        )
      : t(
          'OpenClaw refuses every provider for agent {0} until you run openclaw doctor --fix: {1} was never imported into its SQLite store.',
          w.agent ?? '',
          p(w, 'files') || w.path || 'auth-profiles.json',
        ),
  MIGRATION_LEFTOVER: (w, t) =>
    t(
      '{0} is a retired auth file that OpenClaw ignores (its SQLite store already holds the credentials); run openclaw doctor --fix to archive it.',
      w.path ?? '',
    ),
  UNKNOWN_CREDENTIAL_TYPE: (w, t) =>
    t(
      'Profile {0} has type "{1}", which OpenClaw ignores (valid: api_key, token, oauth).',
      w.profileId ?? '',
      p(w, 'type'),
    ),
  ENV_FILE_UNREADABLE: (w, t) =>
    t(
      '{0} cannot be read ({1}), so its provider credentials are not shown: check that it is a file you can read, or remove it.',
      w.path ?? '',
      p(w, 'detail'),
    ),
  CLAUDE_CREDENTIALS_UNREADABLE: (w, t) =>
    t(
      'The Claude CLI login {0} cannot be read ({1}), so it is not shown: check that it is a file you can read, or log in again with claude.',
      w.path ?? '',
      p(w, 'detail'),
    ),
  SECRET_REF_UNSET: (w, t) =>
    t(
      'Profile {0} takes its secret from the environment variable {1}, which is not set here, in {2} or in openclaw.json env.vars: OpenClaw cannot use it until it is set where the gateway runs.',
      w.profileId ?? '',
      p(w, 'variable'),
      p(w, 'dotenv') || '.env',
    ),
  PLUGIN_UPGRADE_UNFINISHED: (w, t) =>
    t(
      'OpenClaw could not finish installing the plugin {0} that its config needs, and tries again in every OpenClaw command, so each one takes longer: {1}',
      p(w, 'plugin'),
      p(w, 'detail') || '?',
    ),
};

/** A warning in the person's language; a code this build does not know keeps the domain's English sentence. */
export function warningText(w: Warning, t: Translate): string {
  const render = (WARNING_TEXT as Partial<Record<string, Render>>)[w.code];
  return render ? render(w, t) : w.message;
}
