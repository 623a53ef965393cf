// Zod schemas for the gateway's answers (shapes measured against 2026.9.6, ../shared/docs/openclaw-gateway.md).
// Lenient like ../schemas.ts: unknown fields are kept, an odd entry is dropped rather than sinking the answer,
// and enumerations stay strings (a newer gateway may add a status); the UI maps what it knows.

import * as z from 'zod/mini';
import { lazy } from '../schemas';

const opt = <T extends z.core.SomeType>(schema: T) => z.catch(z.optional(schema), undefined);

/** Keeps the entries that parse; a malformed one is dropped, not fatal. */
function lenientArray<T extends z.core.$ZodType>(item: T) {
  return z.pipe(
    z.catch(z.array(z.unknown()), []),
    z.transform((list: unknown[]) =>
      list.flatMap((entry) => {
        const r = z.safeParse(item, entry);
        return r.success ? [r.data] : [];
      }),
    ),
  );
}

const expiry = lazy(() =>
  opt(z.looseObject({ at: opt(z.number()), remainingMs: opt(z.number()), label: opt(z.string()) })),
);

export const authStatusSchema = lazy(() =>
  z.looseObject({
    ts: opt(z.number()),
    providers: lenientArray(
      z.looseObject({
        provider: z.string(),
        authProvider: opt(z.string()),
        displayName: opt(z.string()),
        status: z.string(),
        expiry: expiry(),
        profiles: lenientArray(
          z.looseObject({
            profileId: z.string(),
            type: z.string(),
            status: z.string(),
            reasonCode: opt(z.string()),
            source: opt(z.string()),
            expiry: expiry(),
            externallyManaged: opt(z.boolean()),
            logoutSupported: opt(z.boolean()),
            displayName: opt(z.string()),
            email: opt(z.string()),
            lastUsedAt: opt(z.number()),
          }),
        ),
        profileOrder: opt(z.array(z.string())),
        profileOrderStored: opt(z.boolean()),
        // A string in 2026.9.6 ("provider-config" | "auth-config", dist/models-auth-status-*.mjs mapProvider),
        // not the boolean the protocol notes first assumed: keep either.
        profileOrderLocked: opt(z.union([z.boolean(), z.string()])),
      }),
    ),
    // Present (with `providers: []`) while the gateway has no prepared model catalog, e.g. just after a probe:
    // `PREPARED_MODEL_AUTH_UNAVAILABLE` (dist/models-auth-status-*.mjs). Then the empty list means "no answer".
    unavailable: opt(z.looseObject({ code: opt(z.string()), message: opt(z.string()) })),
  }),
);
export type AuthStatus = z.infer<ReturnType<typeof authStatusSchema>>;
export type AuthStatusProvider = AuthStatus['providers'][number];

const usageWindow = lazy(() =>
  z.looseObject({ label: z.string(), groupLabel: opt(z.string()), usedPercent: z.number(), resetAt: opt(z.number()) }),
);

export const usageStatusSchema = lazy(() =>
  z.looseObject({
    updatedAt: opt(z.number()),
    refreshing: opt(z.boolean()),
    providers: lenientArray(
      z.looseObject({
        provider: z.string(),
        displayName: opt(z.string()),
        windows: lenientArray(usageWindow()),
        plan: opt(z.string()),
        error: opt(z.string()),
      }),
    ),
  }),
);
export type UsageStatus = z.infer<ReturnType<typeof usageStatusSchema>>;
export type UsageProvider = UsageStatus['providers'][number];
export type UsageWindow = UsageProvider['windows'][number];

export const PROBE_STATUSES = [
  'ok',
  'auth',
  'rate_limit',
  'billing',
  'timeout',
  'format',
  'unknown',
  'no_model',
] as const;

export const probeResultSchema = lazy(() =>
  z.looseObject({
    provider: z.string(),
    status: z.string(),
    latencyMs: opt(z.number()),
    error: opt(z.string()),
    results: lenientArray(
      z.looseObject({
        profileId: opt(z.string()),
        label: opt(z.string()),
        status: z.string(),
        latencyMs: opt(z.number()),
        error: opt(z.string()),
      }),
    ),
  }),
);
export type ProbeResult = z.infer<ReturnType<typeof probeResultSchema>>;

export const authRefreshSchema = lazy(() => z.looseObject({ refreshed: z.boolean() }));

/** `models.authOrderSet` answers with the provider and the order it stored (`null` when cleared). */
export const authOrderSetSchema = lazy(() => z.looseObject({ warning: opt(z.string()) }));

/** `models.authLogout`: `{ provider, removedProfiles, abortedRunIds, warning? }`. */
export const authLogoutSchema = lazy(() =>
  z.looseObject({ removedProfiles: z.catch(z.array(z.string()), []), warning: opt(z.string()) }),
);

/** The parts of a `hello-ok` the extension shows. */
export const helloSchema = lazy(() => z.looseObject({ server: opt(z.looseObject({ version: opt(z.string()) })) }));
