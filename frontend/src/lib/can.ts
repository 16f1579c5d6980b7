/**
 * UI permission checks mirroring the backend's one permission table
 * (backend/sammen/core/permissions.py). The grants themselves come from GET /auth/me's
 * `permissions` map (organisation slug → permissions); this file only mirrors how they apply.
 */
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
