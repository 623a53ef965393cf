// Which sign-ins Sign In… offers while a gateway is connected: the gateway's own `loginOptions`
// (`models.authStatus` → `providerCapabilities[]`, dist/provider-login-options-*.mjs) merged with the installed CLI's
// manifest choices (../signin.ts). No `vscode` import.

import * as z from 'zod/mini';
import { lazy } from '../schemas';
import { METHOD_ID_RE, type SignInChoice } from '../signin';
import { LOGIN_CHOICE_RE } from './wizard';

const opt = <T extends z.core.SomeType>(schema: T) => z.catch(z.optional(schema), undefined);

/** `providerCapabilities[].loginOptions[]` of `models.authStatus` (kept by the lenient authStatus schema). */
/** One `providerCapabilities[]` entry; a malformed entry or option is dropped, not fatal. */
const capabilitySchema = lazy(() =>
  z.looseObject({
    provider: z.string(),
    loginOptions: z.catch(z.optional(z.array(z.unknown())), undefined),
  }),
);
const optionSchema = lazy(() => z.looseObject({ id: z.string(), kind: z.string(), label: opt(z.string()) }));

export interface LoginOption {
  provider: string;
  /** The gateway's `authChoice`: `<pluginId>/<choiceId>`, URI-encoded (provider-login-options-*.mjs). */
  id: string;
  /** `oauth` | `device-code` | `secret` (a newer gateway may add more). */
  kind: string;
  /** The gateway's words, when it sends them (untrusted). */
  label?: string;
}

/** Every gateway login option in the order the gateway lists them; ids are checked before they go back in a request. */
export function loginOptionsOf(status: unknown): LoginOption[] {
  const raw = (status as { providerCapabilities?: unknown } | undefined)?.providerCapabilities;
  const out: LoginOption[] = [];
  for (const entry of Array.isArray(raw) ? raw : []) {
    const cap = capabilitySchema().safeParse(entry);
    if (!cap.success) continue;
    for (const rawOption of cap.data.loginOptions ?? []) {
      const o = optionSchema().safeParse(rawOption);
      if (!o.success || !LOGIN_CHOICE_RE.test(o.data.id)) continue;
      out.push({
        provider: cap.data.provider.toLowerCase(),
        id: o.data.id,
        kind: o.data.kind,
        ...(o.data.label ? { label: o.data.label } : {}),
      });
    }
  }
  return out;
}

/** A sign-in the gateway runs as a wizard: offered beside the manifest's choices when a gateway is connected. */
export interface GatewayChoice extends Omit<SignInChoice, 'route'> {
  route: 'gateway';
  /** The `authChoice` for `models.authLogin` (checked by LOGIN_CHOICE_RE). */
  authChoice: string;
  /** `oauth` | `device-code` | … as the gateway says. */
  kind: string;
}
export type AnyChoice = SignInChoice | GatewayChoice;

/**
 * The choices Sign In… offers while a gateway is connected: the gateway's browser and device-code logins (its
 * `loginOptions`) in place of the manifest's terminal logins of the same kind; API keys and setup-tokens keep the
 * paste paths (the secret on the CLI's stdin), and a terminal login the gateway does not offer (Anthropic's Claude CLI
 * reuse) stays. `secret` options are left out: they would carry an API key through the wizard.
 */
export function withGatewayChoices(manifest: readonly SignInChoice[], options: readonly LoginOption[]): AnyChoice[] {
  const gateway: GatewayChoice[] = [];
  for (const o of options) {
    if (o.kind === 'secret') continue;
    const choiceId = decodeURIComponent(o.id.slice(o.id.indexOf('/') + 1));
    const method = choiceId.replace(/[^a-z0-9_-]/gi, '-').slice(0, 64);
    if (!METHOD_ID_RE.test(method)) continue;
    gateway.push({
      provider: o.provider,
      method,
      label: o.label ?? choiceId,
      route: 'gateway',
      authChoice: o.id,
      kind: o.kind,
      deviceCode: o.kind === 'device-code',
    });
  }
  const covered = (c: SignInChoice) =>
    c.route === 'login' && gateway.some((g) => g.provider === c.provider && g.deviceCode === c.deviceCode);
  const out: AnyChoice[] = [];
  const placed = new Set<string>();
  for (const c of manifest) {
    if (!covered(c)) {
      out.push(c);
      continue;
    }
    // The gateway's options take the place of the first terminal login they cover, in manifest order; one option
    // for one manifest login keeps the manifest's words ("ChatGPT Login").
    const same = gateway.filter((g) => g.provider === c.provider && g.deviceCode === c.deviceCode);
    for (const g of same) {
      if (placed.has(g.authChoice)) continue;
      placed.add(g.authChoice);
      out.push({
        ...g,
        ...(same.length === 1 ? { label: c.label } : {}),
        ...(c.hint ? { hint: c.hint } : {}),
        ...(c.groupLabel ? { groupLabel: c.groupLabel } : {}),
      });
    }
  }
  // Providers only the gateway knows (a plugin installed there).
  for (const g of gateway) if (!placed.has(g.authChoice)) out.push(g);
  return out;
}
