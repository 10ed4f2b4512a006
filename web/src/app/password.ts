// The checks of the "set a new password" form, before it is sent.
export const MIN_PASSWORD = 10;

/** The i18n key (under auth.) of what is wrong with the form, or null when it may be sent. */
export function passwordProblem(
  current: string,
  next: string,
  confirm: string,
): 'currentRequired' | 'passwordTooShort' | 'passwordMismatch' | 'passwordSame' | null {
  if (!current) return 'currentRequired';
  if (next.length < MIN_PASSWORD) return 'passwordTooShort';
  if (next !== confirm) return 'passwordMismatch';
  if (next === current) return 'passwordSame';
  return null;
}
