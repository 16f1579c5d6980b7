/** Danish texts of the shared page states (refusals, skeletons). */
export const statesDa = {
  'state.notFound.anonymousText': 'Siden findes ikke, eller du skal være logget ind for at se den.',
  'state.refused.title': 'Du har ikke adgang',
  'state.refused.text': 'Din rolle giver ikke adgang til denne side. Kontakt sekretariatet, hvis du mener, at du skal have adgang.',
  'state.refused.anonymousText': 'Du skal være logget ind med en rolle, der giver adgang til siden.',
  'state.refused.signInTitle': 'Log ind for at se siden',
  'state.refused.signInText': 'Siden er kun for partnerne. Log ind, så kommer du tilbage hertil.',
  'state.refused.signIn': 'Log ind',
  'state.navigating': 'Henter siden …',
} as const;
