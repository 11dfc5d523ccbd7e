import { MASK, maskedUrl } from './masked-url';

const base = 'https://erp.example.com/hook';

describe('maskedUrl', () => {
  it('leaves a URL without a query or credentials as it is', () => {
    expect(maskedUrl(base)).toBe(base);
    expect(maskedUrl('http://x/${orderId}')).toBe('http://x/${orderId}');
  });

  it.each([
    'token', 'TOKEN', 'access_token', 'accessToken', 'auth_token', 'id_token',
    'key', 'api_key', 'apiKey', 'apikey', 'APIKey', 'X-API-Key', 'Api-Key', 'secret_key',
    'secret', 'client_secret', 'clientSecret',
    'signature', 'X-Amz-Signature', 'sig', 'hmac_sig', 'hmacSig',
    'password', 'Passwd', 'pwd', 'user_pwd',
    'auth', 'X-Auth', 'authorization', 'authCode',
  ])('masks the value of %s', (name) => {
    expect(maskedUrl(`${base}?${name}=abc123&order=1`)).toBe(`${base}?${name}=${MASK}&order=1`);
  });

  it.each(['order', 'orderId', 'data', 'update', 'keyword', 'design', 'signal', 'signup', 'author', 'authors', 'monitoring', 'page'])('keeps %s', (name) => {
    expect(maskedUrl(`${base}?${name}=abc123`)).toBe(`${base}?${name}=abc123`);
  });

  it('masks every occurrence of a repeated parameter, and only values', () => {
    expect(maskedUrl(`${base}?token=a&order=1&token=b&Token=c`)).toBe(`${base}?token=${MASK}&order=1&token=${MASK}&Token=${MASK}`);
    expect(maskedUrl(`${base}?token=abc==&sig=x%3D%3D`)).toBe(`${base}?token=${MASK}&sig=${MASK}`);
  });

  it('keeps the fragment, and a `?` inside it starts no query', () => {
    expect(maskedUrl(`${base}?token=abc#section?token=1`)).toBe(`${base}?token=${MASK}#section?token=1`);
    expect(maskedUrl(`${base}#/app?token=abc`)).toBe(`${base}#/app?token=abc`);
  });

  it('reads percent-encoded and plus-spaced names, and writes them back as they were', () => {
    expect(maskedUrl(`${base}?api%5Fkey=abc&%74oken=def&api+key=ghi`)).toBe(`${base}?api%5Fkey=${MASK}&%74oken=${MASK}&api+key=${MASK}`);
    expect(maskedUrl(`${base}?tok%ZZen=abc`)).toBe(`${base}?tok%ZZen=abc`);
  });

  it('re-encodes nothing else: other parameters, the path and odd query parts stay byte for byte', () => {
    const rest = '/p%20ath/${orderId}?q=caf%C3%A9+au+lait&list=a,b&redirect=http://x/?y=1&&debug&=v&token=';
    expect(maskedUrl(`https://erp.example.com${rest}&key=k`)).toBe(`https://erp.example.com${rest}&key=${MASK}`);
  });

  it('removes `user:password@` as well', () => {
    expect(maskedUrl('https://user:pa55@erp.example.com/hook')).toBe('https://erp.example.com/hook');
    expect(maskedUrl('https://user:pa55@erp.example.com/hook?token=abc&order=1')).toBe(`https://erp.example.com/hook?token=${MASK}&order=1`);
    expect(maskedUrl(`${base}?email=sales@example.com`)).toBe(`${base}?email=sales@example.com`);
  });

  it('masks a URL asked for again (remembered) the same way', () => {
    const url = `${base}?access_token=abc&order=2`;
    expect([maskedUrl(url), maskedUrl(url)]).toEqual([`${base}?access_token=${MASK}&order=2`, `${base}?access_token=${MASK}&order=2`]);
  });
});
