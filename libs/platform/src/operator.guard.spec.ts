import { type ExecutionContext, HttpStatus } from '@nestjs/common';
import { isOperatorToken, OperatorGuard } from './operator.guard';
import { ProblemException } from './problem';

const TOKEN = 'op-token-1234567890';
const contextWith = (authorization?: string) =>
  ({ switchToHttp: () => ({ getRequest: () => ({ headers: authorization === undefined ? {} : { authorization } }) }) }) as unknown as ExecutionContext;
const refusal = (authorization?: string): unknown => {
  try {
    new OperatorGuard(TOKEN).canActivate(contextWith(authorization));
  } catch (error) {
    return error;
  }
  return undefined;
};

describe('isOperatorToken', () => {
  it('compares the operator token exactly', () => {
    expect(isOperatorToken(TOKEN, TOKEN)).toBe(true);
    expect(isOperatorToken(TOKEN.slice(0, -1), TOKEN)).toBe(false);
    expect(isOperatorToken(`${TOKEN}0`, TOKEN)).toBe(false);
  });
});

describe('OperatorGuard', () => {
  it('lets the operator token through', () => {
    expect(new OperatorGuard(TOKEN).canActivate(contextWith(`Bearer ${TOKEN}`))).toBe(true);
  });

  it.each([
    ['no Authorization header', undefined],
    ['an empty bearer token', 'Bearer '],
    ['another token', 'Bearer op-token-0987654321'],
    ['the token without the Bearer scheme', TOKEN],
    ['the token as Basic credentials', `Basic ${TOKEN}`],
  ])('refuses %s with a 401 problem', (_, authorization) => {
    const error = refusal(authorization);
    expect(error).toBeInstanceOf(ProblemException);
    expect((error as ProblemException).getStatus()).toBe(HttpStatus.UNAUTHORIZED);
    expect(JSON.stringify((error as ProblemException).getResponse())).not.toContain(TOKEN);
  });
});
