import { changesState, hasCsrfHeader } from './csrf';

describe('CSRF rules for the session cookie', () => {
  it.each(['GET', 'HEAD', 'OPTIONS', 'get'])('lets %s through without the header', (method) => {
    expect(changesState(method)).toBe(false);
  });

  it.each(['POST', 'PUT', 'PATCH', 'DELETE'])('asks for the header on %s', (method) => {
    expect(changesState(method)).toBe(true);
  });

  it('accepts only `x-hookbus-csrf: 1`', () => {
    expect(hasCsrfHeader({ 'x-hookbus-csrf': '1' })).toBe(true);
    expect(hasCsrfHeader({ 'x-hookbus-csrf': 'yes' })).toBe(false);
    expect(hasCsrfHeader({})).toBe(false);
  });
});
