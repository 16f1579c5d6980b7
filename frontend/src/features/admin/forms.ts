/**
 * The administration's form schemas: typed values in, the API's request bodies out, each checked
 * against the generated client's type at compile time (components/schemaForm).
 */
import { z } from 'zod';
import { schemaFor } from '@/components/schemaForm';
import type { Schemas } from '@/lib/api';
import { CLIENT_ROLES, ORGANISATION_KINDS, ROLES } from './api';

const required = z.string().trim().min(1, 'form.required');

/** A new user, with a first membership when an organisation is chosen. */
export const userSchema = schemaFor<Schemas['UserCreate']>()(
  z
    .object({ email: required, name: required, language: z.enum(['da', 'en']), organisation: z.string(), role: z.enum(ROLES) })
    .transform(({ organisation, role, ...user }) => ({ ...user, memberships: organisation ? [{ organisation_id: organisation, role }] : [] })),
);

/** A new API client; the organisation goes by its slug, which the API takes as well as the id. */
export const clientSchema = schemaFor<Schemas['ApiClientCreate']>()(
  z.object({ name: required, organisation_id: z.string().min(1, 'form.required'), role: z.enum(CLIENT_ROLES) }),
);

/** Another membership for `userId`, valid from today and open-ended (the API's defaults). */
export const membershipSchema = (userId: number) =>
  schemaFor<Schemas['MembershipCreate'], 'valid_from' | 'valid_to'>()(
    z.object({ organisation_id: z.string().min(1, 'form.required'), role: z.enum(ROLES) }).transform((v) => ({ ...v, user_id: userId })),
  );

/** An organisation; the server checks the slug and the name, the form sends them as typed. */
export const organisationSchema = schemaFor<Schemas['OrganisationCreate'], 'parent_id' | 'description'>()(
  z.object({ slug: z.string(), name: z.string(), kind: z.enum(ORGANISATION_KINDS), is_party: z.boolean() }),
);
