import { describe, expect, it } from 'vitest';
import { passwordProblem } from './password';

describe('new password form', () => {
  it('needs the current password, ten characters, a matching confirmation and a change', () => {
    expect(passwordProblem('', 'abcdefghij', 'abcdefghij')).toBe('currentRequired');
    expect(passwordProblem('old', 'short', 'short')).toBe('passwordTooShort');
    expect(passwordProblem('old', 'abcdefghij', 'abcdefghik')).toBe('passwordMismatch');
    expect(passwordProblem('abcdefghij', 'abcdefghij', 'abcdefghij')).toBe('passwordSame');
    expect(passwordProblem('old-one-time', 'abcdefghij', 'abcdefghij')).toBeNull();
  });
});
