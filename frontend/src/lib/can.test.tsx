import { renderHook } from '@testing-library/react';
import type { ReactNode } from 'react';
import { describe, expect, it } from 'vitest';
import { StaticAuthProvider, type Me } from './auth';
import { can, Permission, useCan, type PermissionMap } from './can';

// The grants exactly as GET /auth/me returns them for the demo users.
const ADMIN: PermissionMap = {
  sekretariat: [
    'agreement:manage',
    'audit:read',
    'bodies:manage',
    'content:any-org',
    'content:edit',
    'content:read',
    'content:report',
    'orgs:manage',
  ],
};
const EDITOR_AAB: PermissionMap = { aab: ['content:edit', 'content:read', 'content:report'] };
const REPORTER_AAB: PermissionMap = { aab: ['content:read', 'content:report'] };
const VIEWER_KVP: PermissionMap = { kvp: ['content:read'] };

describe('can', () => {
  it('grants global permissions held in any organisation', () => {
    expect(can(ADMIN, Permission.manageAgreement)).toBe(true);
    expect(can(EDITOR_AAB, Permission.read)).toBe(true);
  });

  it('refuses what no role grants', () => {
    expect(can(EDITOR_AAB, Permission.manageAgreement)).toBe(false);
    expect(can(VIEWER_KVP, Permission.edit)).toBe(false);
    expect(can(REPORTER_AAB, Permission.edit, 'aab')).toBe(false);
  });

  it('grants scoped permissions only in their own organisation', () => {
    expect(can(EDITOR_AAB, Permission.edit, 'aab')).toBe(true);
    expect(can(EDITOR_AAB, Permission.edit, 'kvp')).toBe(false);
    expect(can(REPORTER_AAB, Permission.report, 'aab')).toBe(true);
    expect(can(REPORTER_AAB, Permission.report, 'fsb-gladsaxe')).toBe(false);
  });

  it('lets an any-org holder act for every organisation', () => {
    expect(can(ADMIN, Permission.edit, 'aab')).toBe(true);
    expect(can(ADMIN, Permission.report, 'kvp')).toBe(true);
  });

  it('treats a scoped permission without organisation as held anywhere', () => {
    expect(can(EDITOR_AAB, Permission.edit)).toBe(true);
    expect(can(VIEWER_KVP, Permission.edit)).toBe(false);
  });

  it('grants nothing when signed out', () => {
    expect(can(null, Permission.read)).toBe(false);
    expect(can({}, Permission.read)).toBe(false);
  });
});

function me(permissions: PermissionMap): Me {
  return {
    kind: 'user',
    id: 1,
    name: 'Test',
    email: 'test@example.dk',
    must_change_password: false,
    memberships: [],
    permissions,
  };
}

describe('useCan', () => {
  const wrap = (who: Me | null) =>
    function Wrapper({ children }: { children: ReactNode }) {
      return <StaticAuthProvider me={who}>{children}</StaticAuthProvider>;
    };

  it("reads the signed-in user's permissions from /auth/me", () => {
    const { result } = renderHook(() => useCan(), { wrapper: wrap(me(ADMIN)) });
    expect(result.current(Permission.manageAgreement)).toBe(true);
  });

  it('hides admin affordances from an editor', () => {
    const { result } = renderHook(() => useCan(), { wrapper: wrap(me(EDITOR_AAB)) });
    expect(result.current(Permission.manageAgreement)).toBe(false);
    expect(result.current(Permission.edit, 'aab')).toBe(true);
  });

  it('allows nothing when signed out', () => {
    const { result } = renderHook(() => useCan(), { wrapper: wrap(null) });
    expect(result.current(Permission.read)).toBe(false);
  });
});
