/**
 * UI permission checks mirroring the backend's one permission table
 * (backend/sammen/core/permissions.py). The grants themselves come from GET /auth/me's
 * `permissions` map (organisation slug → permissions); this file only mirrors how they apply.
 */
import { useQuery } from '@tanstack/react-query';
import { api, unwrap } from '@/lib/api';
import { useAuth } from '@/lib/auth';

export const Permission = {
  read: 'content:read',
  report: 'content:report',
  edit: 'content:edit',
  actForAnyOrg: 'content:any-org',
  manageOrgs: 'orgs:manage',
  manageAgreement: 'agreement:manage',
  manageBodies: 'bodies:manage',
  readAudit: 'audit:read',
} as const;

export type Permission = (typeof Permission)[keyof typeof Permission];

/** Permissions about one organisation's own objects; the rest are global (held in any organisation). */
export const ORG_SCOPED: ReadonlySet<Permission> = new Set([Permission.report, Permission.edit]);

export type PermissionMap = Record<string, string[]>;

function heldAnywhere(perms: PermissionMap, permission: string): boolean {
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
export const BodyPermission = {
  readRestricted: 'body:read-restricted',
  runMeetings: 'body:run-meetings',
  approveMinutes: 'body:approve-minutes',
} as const;

export type BodyPermission = (typeof BodyPermission)[keyof typeof BodyPermission];

/** body id → the permissions the caller's roles there give (GET /bodies/my-roles). */
export type BodyGrants = Record<number, readonly string[]>;

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
