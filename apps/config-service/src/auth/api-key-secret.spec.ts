import { isOperatorToken } from './api-key-secret';

describe('the operator token', () => {
  it('is compared exactly', () => {
    expect(isOperatorToken('op-token-1234567890', 'op-token-1234567890')).toBe(true);
    expect(isOperatorToken('op-token-123456789', 'op-token-1234567890')).toBe(false);
  });
});
