// Signing in through the gateway: `models.authLogin { sessionId, authChoice, agentId }` starts OpenClaw's own login
// flow as a wizard session, and `wizard.next` / `wizard.cancel` step it (the Control UI does the same:
// dist/control-ui/assets/wizard-login-controller-*.js). The step shapes are the gateway protocol's
// (dist/approval-result-validators-*.mjs, `WizardStepSchema`) and how the session makes them (dist/session-*.mjs):
// a device code arrives as a `progress` step run by the gateway, an OAuth URL as a `note` (or the `text` step after it)
// with `externalUrl`. This file maps each step to one thing a person does and drives the loop; the UI only renders.
// No `vscode` import.

import * as z from 'zod/mini';
import { lazy } from '../schemas';

const opt = <T extends z.core.SomeType>(schema: T) => z.catch(z.optional(schema), undefined);

export const wizardStepSchema = lazy(() =>
  z.looseObject({
    id: z.string().check(z.minLength(1)),
    type: z.string(),
    title: opt(z.string()),
    message: opt(z.string()),
    options: opt(z.array(z.looseObject({ value: z.unknown(), label: z.string(), hint: opt(z.string()) }))),
    initialValue: z.optional(z.unknown()),
    placeholder: opt(z.string()),
    sensitive: opt(z.boolean()),
    executor: opt(z.string()),
    externalUrl: opt(z.string()),
    deviceCode: opt(z.looseObject({ code: z.string(), expiresInMinutes: opt(z.number()), message: opt(z.string()) })),
  }),
);
export type WizardStep = z.infer<ReturnType<typeof wizardStepSchema>>;

/** `models.authLogin` and `wizard.next` answer this; `wizard.cancel` / `wizard.status` the `status`/`error` part. */
export const wizardResultSchema = lazy(() =>
  z.looseObject({
    sessionId: opt(z.string()),
    done: z.catch(z.boolean(), false),
    step: opt(wizardStepSchema()),
    status: opt(z.string()),
    error: opt(z.string()),
  }),
);
export type WizardResult = z.infer<ReturnType<typeof wizardResultSchema>>;

/** `<plugin>/<choice>` as formatProviderLoginChoiceRef writes it (encodeURIComponent of ids: no space, no control). */
export const LOGIN_CHOICE_RE = /^[A-Za-z0-9._~%-]{1,128}\/[A-Za-z0-9._~%-]{1,128}$/;

/**
 * An http(s) URL a person may open, or undefined. The URL comes from the gateway (a provider's authorize page):
 * untrusted text, so only these two schemes pass, and never credentials in it.
 */
export function safeExternalUrl(raw: string | undefined): string | undefined {
  if (!raw || raw.length > 8192) return undefined;
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    return undefined;
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return undefined;
  if (url.username || url.password || !url.hostname) return undefined;
  return url.toString();
}

export interface SelectOption {
  label: string;
  hint?: string;
  /** The option's own value, sent back as the answer. */
  value: unknown;
}

/** What one step asks of the person (or of nobody: `progress` is the gateway working). */
export type StepAction =
  | { kind: 'open-url'; stepId: string; url: string; title?: string; message: string }
  | { kind: 'device-code'; stepId: string; code: string; expiresAt?: number; url?: string; message: string }
  | { kind: 'progress'; stepId: string; message: string }
  | { kind: 'note'; stepId: string; title?: string; message: string }
  | {
      kind: 'text';
      stepId: string;
      message: string;
      /** The gateway marked the step sensitive (OpenAI's pasted redirect URL). */
      sensitive: boolean;
      /**
       * Type it masked: sensitive, or the redirect URL an OAuth page sends back (it carries the one-time code; OpenRouter's
       * 2026.9.6 step asks for it without `sensitive`).
       */
      masked: boolean;
      placeholder?: string;
      initial?: string;
      /** The page the pasted value comes from (OpenAI's redirect URL step), when the gateway sends one. */
      url?: string;
    }
  | { kind: 'select'; stepId: string; message: string; options: SelectOption[]; multi: boolean; initial: unknown }
  | { kind: 'confirm'; stepId: string; message: string; initial: boolean }
  | { kind: 'unsupported'; stepId: string; type: string };

/** The one thing a step asks for. `now` dates a device code's expiry. */
export function stepAction(step: WizardStep, now: number): StepAction {
  const stepId = step.id;
  const message = step.message ?? '';
  const url = safeExternalUrl(step.externalUrl);
  const title = step.title ? { title: step.title } : {};
  switch (step.type) {
    case 'progress':
      if (step.deviceCode?.code)
        return {
          kind: 'device-code',
          stepId,
          code: step.deviceCode.code,
          ...(step.deviceCode.expiresInMinutes ? { expiresAt: now + step.deviceCode.expiresInMinutes * 60_000 } : {}),
          ...(url ? { url } : {}),
          message: step.deviceCode.message ?? message,
        };
      return { kind: 'progress', stepId, message };
    case 'note':
      return url ? { kind: 'open-url', stepId, url, ...title, message } : { kind: 'note', stepId, ...title, message };
    case 'text':
      return {
        kind: 'text',
        stepId,
        message,
        sensitive: step.sensitive === true,
        masked: step.sensitive === true || url !== undefined,
        ...(step.placeholder ? { placeholder: step.placeholder } : {}),
        // The gateway strips a sensitive step's prefill (sanitizeWizardStepForClient); never show one anyway.
        ...(step.sensitive !== true && typeof step.initialValue === 'string' ? { initial: step.initialValue } : {}),
        ...(url ? { url } : {}),
      };
    case 'select':
    case 'multiselect':
      return {
        kind: 'select',
        stepId,
        message,
        multi: step.type === 'multiselect',
        initial: step.initialValue,
        options: (step.options ?? []).map((o) => ({
          label: o.label,
          value: o.value,
          ...(o.hint ? { hint: o.hint } : {}),
        })),
      };
    case 'confirm':
      return { kind: 'confirm', stepId, message, initial: step.initialValue === true };
    case 'action':
      // An action the gateway runs itself is progress; one for the client to run is nothing an editor can do.
      return step.executor === 'client'
        ? { kind: 'unsupported', stepId, type: step.type }
        : { kind: 'progress', stepId, message };
    default:
      return { kind: 'unsupported', stepId, type: step.type };
  }
}

/** Steps the gateway finishes by itself: ask for the next one without an answer (the call waits for it). */
export const isGatewayStep = (action: StepAction): boolean =>
  action.kind === 'progress' || action.kind === 'device-code';

/** The person's reply to a step: a value, an acknowledgement (notes), or stop. */
export type StepReply = { value: unknown } | { ack: true } | { cancel: true };

export type RequestFn = (method: string, params: unknown, opts?: { timeoutMs?: number | null }) => Promise<unknown>;

export interface WizardUi {
  /**
   * Shows the step and resolves with the reply. For gateway steps (progress, device code) the reply is not waited for:
   * the promise resolving with `{ cancel: true }` while the gateway works stops the session; `dismiss()` tells the UI
   * the step is over.
   */
  step(action: StepAction, hint: { error?: string }): Promise<StepReply>;
  dismiss?(stepId: string): void;
}

export type WizardOutcome =
  { status: 'done' } | { status: 'cancelled'; error?: string } | { status: 'error'; error?: string };

export interface LoginParams {
  sessionId: string;
  authChoice: string;
  agentId?: string;
}

/** How long a single `wizard.next` may wait for the gateway (a sign-in session lives up to 25 minutes). */
const NEXT_TIMEOUT_MS = 26 * 60_000;

/**
 * Runs one gateway sign-in from `models.authLogin` to a terminal status. Every step goes to `ui`; a cancel at any point
 * calls `wizard.cancel`, so the gateway never keeps a half-finished login (it writes a profile only at the end).
 */
export async function runGatewayLogin(
  request: RequestFn,
  params: LoginParams,
  ui: WizardUi,
  now: () => number = Date.now,
  wait: (ms: number) => Promise<void> = (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
): Promise<WizardOutcome> {
  if (!LOGIN_CHOICE_RE.test(params.authChoice)) throw new Error('unsafe login choice id');
  const parse = (raw: unknown): WizardResult => {
    const r = wizardResultSchema().safeParse(raw);
    if (!r.success) throw new Error('The gateway answered the sign-in with an unexpected shape.');
    return r.data;
  };
  const { sessionId } = params;
  const cancel = async (): Promise<WizardOutcome> => {
    let status: WizardResult | undefined;
    try {
      status = parse(await request('wizard.cancel', { sessionId }, { timeoutMs: 30_000 }));
    } catch {
      // The session may already be gone (finished, or the connection closed): nothing left to stop.
    }
    return { status: 'cancelled', ...(status?.error ? { error: status.error } : {}) };
  };
  const login = () =>
    request(
      'models.authLogin',
      { sessionId, authChoice: params.authChoice, ...(params.agentId ? { agentId: params.agentId } : {}) },
      { timeoutMs: 60_000 },
    );
  let result: WizardResult = parse(await admitted(login, wait));
  try {
    return await drive();
  } catch (error) {
    // A failed request or an odd answer mid-way: stop the session rather than leave it waiting 25 minutes.
    await cancel();
    throw error;
  }

  async function drive(): Promise<WizardOutcome> {
    let empty = 0;
    for (;;) {
      if (!result.done && !result.step) {
        // Started, no step yet (models.authLogin answers `{ done: false, status: "running" }`): ask for the first one.
        if (++empty > 5) return cancel();
        result = parse(await next(request, sessionId));
        continue;
      }
      empty = 0;
      if (result.done || !result.step) {
        const status = result.status === 'done' ? 'done' : result.status === 'cancelled' ? 'cancelled' : 'error';
        return { status, ...(result.error ? { error: result.error } : {}) };
      }
      const action = stepAction(result.step, now());
      const hint = result.error ? { error: result.error } : {};
      if (isGatewayStep(action)) {
        // The gateway works (waits for the browser, polls the device code): wait for its next step, or the person's cancel.
        const following = next(request, sessionId).then(
          (raw) => ({ raw }),
          (error: unknown) => ({ error }),
        );
        type Next = { raw: unknown } | { error: unknown };
        const stop: Promise<'cancel' | Next> = ui
          .step(action, hint)
          .then((r): Promise<'cancel' | Next> => ('cancel' in r ? Promise.resolve('cancel') : following));
        const first: 'cancel' | Next = await Promise.race([following, stop]);
        ui.dismiss?.(action.stepId);
        if (first === 'cancel') return cancel();
        if ('error' in first) throw first.error;
        result = parse(first.raw);
        continue;
      }
      if (action.kind === 'unsupported') return cancel();
      const reply = await ui.step(action, hint);
      if ('cancel' in reply) return cancel();
      const answer = 'ack' in reply ? { stepId: action.stepId } : { stepId: action.stepId, value: reply.value };
      result = parse(await next(request, sessionId, answer));
    }
  }
}

/** The gateway's answer while another setup or sign-in holds its one wizard slot (dist/setup-admission-*.mjs). */
export const SETUP_BUSY_CODE = 'SETUP_ADMISSION_BUSY';
/** Waits between tries while the slot is held: a cancelled session releases it a moment after `wizard.cancel` answers. */
const BUSY_WAITS_MS = [250, 500, 1000, 2000, 4000, 4000, 4000];

/**
 * Starts the login, trying again while the gateway says another setup is in progress — it marks that answer
 * `retryable`, and a session that was just cancelled (by this window or another client) frees the slot only once its
 * runner has settled. After ~16 s the busy error is thrown for the UI to explain.
 */
async function admitted(login: () => Promise<unknown>, wait: (ms: number) => Promise<void>): Promise<unknown> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await login();
    } catch (error) {
      const delay = BUSY_WAITS_MS[attempt];
      if ((error as { code?: unknown }).code !== SETUP_BUSY_CODE || delay === undefined) throw error;
      await wait(delay);
    }
  }
}

function next(request: RequestFn, sessionId: string, answer?: { stepId: string; value?: unknown }): Promise<unknown> {
  return request('wizard.next', { sessionId, ...(answer ? { answer } : {}) }, { timeoutMs: NEXT_TIMEOUT_MS });
}
