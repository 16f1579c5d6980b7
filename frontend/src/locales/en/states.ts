import type { statesDa } from '../da/states';

export const statesEn: Record<keyof typeof statesDa, string> = {
  'state.notFound.anonymousText': 'The page does not exist, or you need to sign in to see it.',
  'state.refused.title': 'You do not have access',
  'state.refused.text': 'Your role does not give access to this page. Contact the secretariat if you think it should.',
  'state.refused.anonymousText': 'You need to be signed in with a role that gives access to this page.',
  'state.refused.signInTitle': 'Sign in to see this page',
  'state.refused.signInText': 'This page is for the partners. Sign in and you will come back here.',
  'state.refused.signIn': 'Sign in',
  'state.navigating': 'Loading the page …',
};
