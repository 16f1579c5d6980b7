/**
 * UI permission checks mirroring the backend's one permission table
 * (backend/sammen/core/permissions.py). The grants themselves come from GET /auth/me's
 * `permissions` map (organisation slug → permissions); this file only mirrors how they apply.
 * The permission names are the API's own (the `Permission` and `BodyPermission` enums of the
 * OpenAPI document): a name the backend renames or drops fails `tsc`, and so does one it adds
 * until it has a constant here.
 */
import { useQuery } from '@tanstack/react-query';
import { api, unwrap, type Schemas } from '@/lib/api';
import { useAuth } from '@/lib/auth';

/** The constants of an API enum: every value exactly once, nothing else (checked at compile time). */
type Complete<Union extends string, Constants extends Record<string, Union>> = [Exclude<Union, Constants[keyof Constants]>] extends [never]
  ? Constants
  : { missing: Exclude<Union, Constants[keyof Constants]> };

function enumConstants<Union extends string>() {
  return <const Constants extends Record<string, Union>>(constants: Complete<Union, Constants>): Constants => constants as Constants;
}

export type Permission = Schemas['Permission'];

export const Permission = enumConstants<Permission>()({
  read: 'content:read',
  report: 'content:report',
  edit: 'content:edit',
  actForAnyOrg: 'content:any-org',
  manageOrgs: 'orgs:manage',
  manageAgreement: 'agreement:manage',
  manageBodies: 'bodies:manage',
  readAudit: 'audit:read',
});

/** Permissions about one organisation's own objects; the rest are global (held in any organisation). */
export const ORG_SCOPED: ReadonlySet<Permission> = new Set([Permission.report, Permission.edit]);

/** Organisation slug → the permissions held there, as GET /auth/me sends it. */
export type PermissionMap = Schemas['Me']['permissions'];

function heldAnywhere(perms: PermissionMap, permission: Permission): boolean {
  return Object.values(perms).some((list) => list.includes(permission));
}

/** Same rule as Principal.can: global permissions anywhere; scoped ones in `orgSlug`, or with any-org. */
export function can(perms: PermissionMap | null | undefined, permission: Permission, orgSlug?: string): boolean {
  if (!perms) return false;
  if (ORG_SCOPED.has(permission) && orgSlug !== undefined) {
    if (perms[orgSlug]?.includes(permission)) return true;
    return heldAnywhere(perms, Permission.actForAnyOrg);
  }
  return heldAnywhere(perms, permission);
}

/** `const can = useCan(); can('agreement:manage')` — false while signed out. */
export function useCan(): (permission: Permission, orgSlug?: string) => boolean {
  const { me } = useAuth();
  const perms = me?.permissions;
  return (permission, orgSlug) => can(perms, permission, orgSlug);
}

/** What a body role allows in that body (core.permissions.BODY_ROLE_PERMISSIONS; the API sends them). */
export type BodyPermission = Schemas['BodyPermission'];

export const BodyPermission = enumConstants<BodyPermission>()({
  readRestricted: 'body:read-restricted',
  runMeetings: 'body:run-meetings',
  approveMinutes: 'body:approve-minutes',
});

/** body id → the permissions the caller's roles there give (GET /bodies/my-roles). */
export type BodyGrants = Record<number, readonly BodyPermission[]>;

/**
 * Same rule as the meetings domain's Viewer: admins (bodies:manage) run every body's meetings; approving
 * minutes and reading restricted items need a role in the body itself.
 */
export function canInBody(
  perms: PermissionMap | null | undefined,
  grants: BodyGrants | undefined,
  bodyId: number,
  permission: BodyPermission,
): boolean {
  if (permission === BodyPermission.runMeetings && can(perms, Permission.manageBodies)) return true;
  return grants?.[bodyId]?.includes(permission) ?? false;
}

export const myBodyRolesQuery = () => ({
  queryKey: ['me', 'body-roles'] as const,
  queryFn: async (): Promise<BodyGrants> => {
    const page = await unwrap(api.GET('/api/v1/bodies/my-roles'));
    return Object.fromEntries(page.items.map((r) => [r.body_id, r.permissions]));
  },
  staleTime: 5 * 60_000,
});

/**
 * `const canIn = useBodyCan(); canIn(bodyId, BodyPermission.runMeetings)` — false while signed out or
 * while the roles load. `ready` says whether the answer is final (to avoid flashing a refusal).
 */
export function useBodyCan(): ((bodyId: number, permission: BodyPermission) => boolean) & { ready: boolean; runsAny: boolean } {
  const { me, status } = useAuth();
  const query = useQuery({ ...myBodyRolesQuery(), enabled: status === 'signed-in' });
  const perms = me?.permissions;
  const grants = query.data;
  const check = (bodyId: number, permission: BodyPermission) => canInBody(perms, grants, bodyId, permission);
  return Object.assign(check, {
    ready: status === 'anonymous' || (status === 'signed-in' && !query.isPending),
    runsAny:
      can(perms, Permission.manageBodies) ||
      Object.values(grants ?? {}).some((list) => list.includes(BodyPermission.runMeetings)),
  });
}
